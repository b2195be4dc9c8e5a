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
 * pings) frames go through the asynchronous sender, as for every frame when the budget is 0, unless the client
 * answers probes quickly ({@link #worthAwaiting}): then the next frame waits for the pong of the probe already on
 * its way, and is written directly when it arrives. How quickly a client can answer is the quickest answer among
 * its recent ones (a client that lags behind answers late, but the quickest answer shows its network round
 * trip); the first frame written is followed by a probe, so that this is known from the start. Waiting for a
 * client whose round trip is longer than {@link #QUICK_ANSWER_NANOS} would cap its throughput at the budget per
 * round trip, so such a client's frames take the asynchronous sender.
 * <p>
 * However a frame is written, the bytes beyond the proof are also held to a limit far above the budget
 * ({@link #beyondLimit}): a frame that would pass it waits for a pong, and a probe after everything written is sent
 * for it ({@link #probeBeyondLimit}). A client that stopped reading then holds no more than the limit in the
 * operating system's buffers (which take megabytes on loopback) and its frames wait in its send queue, which
 * overflows to a slow-consumer close, instead of the server writing to it, at the cost of the others, until those
 * buffers are full. A client that does not answer pings (as RFC 6455 requires) but reads is not held to the limit
 * once a frame waited for it in vain ({@link #forgetAnswers}).
 * <p>
 * {@link #allowsDirect}, {@link #worthAwaiting}, {@link #beyondLimit}, {@link #probeBeyondLimit}, {@link #wrote},
 * {@link #probe} and {@link #heartbeat} are called
 * by whichever thread holds the connection's writer role (one at a time), {@link #confirm} by the thread that
 * reads the pong, {@link #forgetAnswers} by the heartbeat task.
 */
final class ReadProof {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PAYLOAD = 16;
    /**
     * A client whose quickest recent pong came back within this is worth waiting for: with the default budget, at
     * least 32 KiB per 2 ms round trip, 16 MB/s.
     */
    static final long QUICK_ANSWER_NANOS = 2_000_000;
    private static final long UNKNOWN = Long.MAX_VALUE;
    /** How many answers make one window of the quickest-answer estimate. */
    private static final int ANSWER_WINDOW = 32;

    private final long budget;
    /** The most unproven bytes held in flight; 0 for no limit. */
    private final int unreadLimit;
    /** Whether frames beyond {@link #unreadLimit} wait for a pong: until one waited in vain, and after an answer. */
    private volatile boolean limited = true;
    private final long secret = RANDOM.nextLong();
    private volatile long written;
    private volatile long probedAt;
    private volatile long probedMax;
    private volatile long confirmed;
    /** When the latest probe was taken (System.nanoTime). */
    private volatile long probedAtNanos;
    private volatile boolean probedOnce;
    /**
     * The quickest answer (probe to pong) in the current window of answers, and in the one before it; only the
     * reading thread (one at a time) touches these.
     */
    private long quickestNow = UNKNOWN;
    private long quickestBefore = UNKNOWN;
    private int answersNow;
    /** The quickest answer in the last one or two windows: about this client's network round trip. */
    private volatile long quickest = UNKNOWN;
    /** Set when the answers so far no longer count; the reading thread then starts its windows afresh. */
    private volatile boolean forgotten;

    /**
     * @param budget      how many unproven bytes direct writes may leave in flight; 0 turns direct writes off
     * @param unreadLimit how many unproven bytes any writes may leave in flight, at least the budget; 0 for no limit
     */
    ReadProof(long budget, int unreadLimit) {
        this.budget = budget;
        this.unreadLimit = unreadLimit;
    }

    /**
     * Whether a frame of {@code bytes} must wait for a pong before it is written: it would leave more than the
     * limit unproven. A frame larger than the limit waits until everything before it is proven.
     */
    boolean beyondLimit(long bytes) {
        long unproven = written - confirmed;
        return unreadLimit > 0 && limited && unproven > 0 && unproven + bytes > unreadLimit;
    }

    /**
     * The ping payload to send before a frame of {@code bytes} waits beyond the limit, or {@code null} when the
     * pong of the probe already on its way would let it go.
     */
    ByteBuffer probeBeyondLimit(long bytes) {
        long probed = probedMax;
        if (probed > confirmed && (probed == written || written + bytes - probed <= unreadLimit)) {
            return null;
        }
        return heartbeat();
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
     * due after the first frame, then once half the budget was written since the last one.
     */
    ByteBuffer probe() {
        if (budget <= 0 || (written - probedAt < budget / 2 && probedOnce)) {
            return null;
        }
        return heartbeat();
    }

    /**
     * Whether a frame of {@code bytes} that may not be written directly now should wait for the pong of the probe
     * already sent rather than take the asynchronous sender: that pong would allow it, and this client answers
     * quickly.
     */
    boolean worthAwaiting(long bytes) {
        long probed = probedMax;
        return budget > 0 && probed > confirmed && written + bytes - probed <= budget
                && quickest <= QUICK_ANSWER_NANOS;
    }

    /** A ping payload for a heartbeat: proves progress like any probe. */
    ByteBuffer heartbeat() {
        probedAt = written;
        probedMax = written;
        probedAtNanos = System.nanoTime();
        probedOnce = true;
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD).putLong(secret).putLong(written);
        return payload.flip();
    }

    /**
     * The client stopped answering: until it answers again, it is not worth waiting for, nor held to the limit (it
     * may read without answering pings).
     */
    void forgetAnswers() {
        forgotten = true;
        limited = false;
        quickest = UNKNOWN;
    }

    private void answered(long took) {
        if (forgotten) {
            forgotten = false;
            quickestBefore = UNKNOWN;
            quickestNow = UNKNOWN;
            answersNow = 0;
        }
        if (++answersNow > ANSWER_WINDOW) {
            quickestBefore = quickestNow;
            quickestNow = UNKNOWN;
            answersNow = 1;
        }
        quickestNow = Math.min(quickestNow, took);
        quickest = Math.min(quickestNow, quickestBefore);
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
            limited = true;
            if (upTo == probedMax) {
                answered(System.nanoTime() - probedAtNanos);
            }
        }
    }
}
