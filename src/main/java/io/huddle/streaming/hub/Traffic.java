package io.huddle.streaming.hub;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.LongAdder;

/**
 * This node's traffic since it started: room messages stored (in) and frames handed to connections (out). Counted
 * with adders, once per stored message and once per fan-out, so counting costs the hot path no lock and no
 * allocation. Thread-safe.
 */
@ApplicationScoped
public class Traffic {

    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();

    /** A room message was stored. */
    public void stored() {
        in.increment();
    }

    /** {@code frames} frames were handed to connections. */
    public void delivered(int frames) {
        if (frames > 0) {
            out.add(frames);
        }
    }

    /** Room messages stored since start. */
    public long messagesIn() {
        return in.sum();
    }

    /** Frames handed to connections since start. */
    public long framesOut() {
        return out.sum();
    }
}
