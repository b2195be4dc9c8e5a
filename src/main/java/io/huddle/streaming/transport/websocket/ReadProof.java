package io.huddle.streaming.transport.websocket;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Tracks how much of what the server wrote on one WebSocket the client has provably read, so that small frames
 * can be written directly (a blocking write that returns at once) instead of through the container's
 * asynchronous sender, which costs a thread hand-off per frame.
 * <p>
 * Every so often the writer sends a ping whose payload is a per-connection secret and the number of bytes
 * written before it. Clients answer a ping with a pong carrying the same payload (RFC 6455), and can only do so
 * after reading every byte written before the ping; so a pong proves how far the client has read. While the
 * bytes written beyond that proof stay under the budget, far below what the operating system's socket buffers
 * hold, a direct write cannot block on the client. Beyond it (a client that reads slowly, or does not answer
 * pings) frames go through the asynchronous sender, as for every frame when the budget is 0.
 * <p>
 * {@link #allowsDirect}, {@link #wrote}, {@link #probe} and {@link #heartbeat} are called by whichever thread
 * holds the connection's writer role (one at a time); {@link #confirm} by the thread that reads the pong.
 */
final class ReadProof {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PAYLOAD = 16;

    private final long budget;
    private final long secret = RANDOM.nextLong();
    private volatile long written;
    private volatile long probedAt;
    private volatile long probedMax;
    private volatile long confirmed;

    /** @param budget how many unproven bytes direct writes may leave in flight; 0 turns direct writes off */
    ReadProof(long budget) {
        this.budget = budget;
    }

    /** Whether a frame of {@code bytes} may be written directly. */
    boolean allowsDirect(long bytes) {
        return budget > 0 && written + bytes - confirmed <= budget;
    }

    /**
     * Whether a ping (a few bytes) may be written directly: the client has provably read all but the budget.
     * Never with a budget of 0 (nothing is known then).
     */
    boolean pingIsSafe() {
        return budget > 0 && written - confirmed <= budget;
    }

    /** Records that {@code bytes} were handed to the transport. */
    void wrote(long bytes) {
        written += bytes;
    }

    /**
     * A ping payload to send now (after the frames written so far), or {@code null} when none is due: one is
     * due once half the budget was written since the last one.
     */
    ByteBuffer probe() {
        if (budget <= 0 || written - probedAt < budget / 2) {
            return null;
        }
        return heartbeat();
    }

    /** A ping payload for a heartbeat: proves progress like any probe. */
    ByteBuffer heartbeat() {
        probedAt = written;
        probedMax = written;
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD).putLong(secret).putLong(written);
        return payload.flip();
    }

    /** Takes a pong's payload into account; payloads that are not this connection's probes are ignored. */
    void confirm(ByteBuffer payload) {
        if (payload.remaining() != PAYLOAD) {
            return;
        }
        ByteBuffer data = payload.duplicate();
        if (data.getLong() != secret) {
            return;
        }
        long upTo = data.getLong();
        if (upTo <= probedMax && upTo > confirmed) {
            confirmed = upTo;
        }
    }
}
