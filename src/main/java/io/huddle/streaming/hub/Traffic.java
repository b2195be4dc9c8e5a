package io.huddle.streaming.hub;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * This node's traffic since it started: room messages stored (in) and frames handed to connections (out), the
 * MicroProfile Metrics counters {@code huddle.messages.stored} and {@code huddle.frames.delivered}. Counted once
 * per stored message and once per fan-out (with the number of frames), so counting costs the hot path no lock and
 * no allocation. Thread-safe.
 */
@ApplicationScoped
public class Traffic {

    @Inject
    MetricRegistry registry;

    private Counter in;
    private Counter out;

    /**
     * Created when the application starts (observing it creates the bean, whose {@code @PostConstruct} registers
     * the metrics), so that a scrape shows them before their first event.
     */
    void startup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more to do: the bean exists now.
    }

    @PostConstruct
    void register() {
        in = registry.counter(Metadata.builder().withName("huddle.messages.stored")
                .withDescription("Room messages stored by this node since start").build());
        out = registry.counter(Metadata.builder().withName("huddle.frames.delivered")
                .withDescription("Frames handed to this node's connections since start").build());
    }

    /** A room message was stored. */
    public void stored() {
        in.inc();
    }

    /** {@code frames} frames were handed to connections. */
    public void delivered(int frames) {
        if (frames > 0) {
            out.inc(frames);
        }
    }

    /** Room messages stored since start. */
    public long messagesIn() {
        return in.getCount();
    }

    /** Frames handed to connections since start. */
    public long framesOut() {
        return out.getCount();
    }
}
