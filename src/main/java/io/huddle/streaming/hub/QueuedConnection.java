package io.huddle.streaming.hub;

import io.huddle.streaming.protocol.CloseCodes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The part of a {@link Connection} every transport shares: identity, liveness, and a bounded {@link SendQueue}
 * with one writer. A transport supplies how one frame is written and how the connection is finally closed.
 * Closing lets frames already queued leave first (for at most five seconds), except for a slow consumer or a
 * heartbeat timeout, whose queue is dropped and whose transport is closed at once. Thread-safe.
 */
public abstract class QueuedConnection implements Connection {

    /** How long a graceful close waits for queued frames to leave before closing anyway. */
    private static final Duration GRACEFUL_CLOSE = Duration.ofSeconds(5);
    private static final String WELCOME = "welcome";
    private static final AtomicIntegerFieldUpdater<QueuedConnection> CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(QueuedConnection.class, "closed");

    private final String id;
    private final String user;
    /** Epoch milliseconds (a long rather than an {@link Instant}: one object less per connection). */
    private final long openedAt = System.currentTimeMillis();
    private final SendQueue queue;
    private final RoomStreams roomStreams = new RoomStreams();
    /** 1 once closing began. */
    private volatile int closed;
    /** The code and reason the server closed with, once it did (0 and empty before). */
    private volatile int closeCode;
    private volatile String closeReason = "";
    /** Epoch milliseconds (a long, not an {@link Instant}: written on every inbound frame). */
    private volatile long lastSeen = openedAt;
    /** Frames sent before {@code welcome}; {@code null} once it went out. Guarded by itself while not null. */
    private volatile List<OutboundFrame> beforeWelcome = new ArrayList<>();

    /**
     * @param id            the connection id
     * @param user          the authenticated user
     * @param queueCapacity how many frames may wait before the connection counts as a slow consumer
     * @param meters        counts the droppable frames dropped from a full queue
     */
    protected QueuedConnection(String id, String user, int queueCapacity, Meters meters) {
        this.id = id;
        this.user = user;
        this.queue = new SendQueue(queueCapacity) {
            @Override
            protected CompletionStage<?> write(OutboundFrame frame) {
                return QueuedConnection.this.write(frame);
            }

            @Override
            protected void overflowed() {
                QueuedConnection.this.close(CloseCodes.SLOW_CONSUMER, "send queue overflow");
            }

            @Override
            protected void writeFailed(Throwable failure) {
                QueuedConnection.this.close(CloseCodes.GOING_AWAY, "write failed");
            }

            @Override
            protected void dropped(OutboundFrame frame) {
                meters.frameDropped(frame.type());
            }
        };
    }

    /** Writes one frame; the stage completes when the transport has taken it. Called by one thread at a time. */
    protected abstract CompletionStage<?> write(OutboundFrame frame);

    /** Closes the transport itself, once, after the queued frames have left. */
    protected abstract void closeTransport(int code, String reason);

    /** The longest client description kept; longer ones are cut. */
    public static final int MAX_CLIENT = 200;

    private volatile String client = "";

    /**
     * Before the connection is registered: what the client said about itself (an app name and version, say), cut
     * to {@value #MAX_CLIENT} characters with control characters dropped; {@code null} for nothing.
     */
    public void describeClient(String description) {
        if (description != null) {
            String printable = description.replaceAll("\\p{Cc}", "");
            client = printable.length() <= MAX_CLIENT ? printable : printable.substring(0, MAX_CLIENT);
        }
    }

    @Override
    public String client() {
        return client;
    }

    /** Records that the client showed it is alive. */
    public void seen() {
        lastSeen = System.currentTimeMillis();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public Instant openedAt() {
        return Instant.ofEpochMilli(openedAt);
    }

    @Override
    public Instant lastSeen() {
        return Instant.ofEpochMilli(lastSeen);
    }

    @Override
    public RoomStreams roomStreams() {
        return roomStreams;
    }

    /**
     * Queues {@code frame}. A connection's first frame is always {@code welcome} (a room's frames can reach it as
     * soon as it is registered, which comes first): until {@code welcome} is sent, other frames wait and follow
     * it in the order they came. Closing first lets the waiting frames out (an error, then the close, for a refused
     * connection).
     */
    @Override
    public void send(OutboundFrame frame) {
        List<OutboundFrame> waiting = beforeWelcome;
        if (waiting != null) {
            synchronized (waiting) {
                if (beforeWelcome != null) {
                    if (WELCOME.equals(frame.type())) {
                        queue.offer(frame);
                        flushWaiting();
                    } else {
                        waiting.add(frame);
                    }
                    return;
                }
            }
        }
        queue.offer(frame);
    }

    /** Lets the frames that waited for {@code welcome} out, in order; called under their lock. */
    private void flushWaiting() {
        List<OutboundFrame> waiting = beforeWelcome;
        beforeWelcome = null;
        waiting.forEach(queue::offer);
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public int closeCode() {
        return closeCode;
    }

    @Override
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close(int code, String reason) {
        List<OutboundFrame> waiting = beforeWelcome;
        if (waiting != null) {
            synchronized (waiting) {
                if (beforeWelcome != null) {
                    flushWaiting();
                }
            }
        }
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        closeReason = reason == null ? "" : reason;
        closeCode = code;
        AtomicBoolean transportClosed = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (transportClosed.compareAndSet(false, true)) {
                closeTransport(code, reason);
            }
        };
        if (code == CloseCodes.SLOW_CONSUMER || code == CloseCodes.HEARTBEAT_TIMEOUT) {
            // The client does not read: a write may never finish, so close without waiting for it.
            queue.close();
            closeOnce.run();
            return;
        }
        queue.finish(closeOnce);
        CompletableFuture.delayedExecutor(GRACEFUL_CLOSE.toMillis(), TimeUnit.MILLISECONDS).execute(closeOnce);
    }
}
