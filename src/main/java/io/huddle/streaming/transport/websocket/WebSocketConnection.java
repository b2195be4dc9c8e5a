package io.huddle.streaming.transport.websocket;

import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.SendQueue;
import io.huddle.streaming.protocol.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Connection} over a WebSocket session. Frames go through a bounded {@link SendQueue} written with the
 * session's asynchronous sender, one at a time; heartbeats are WebSocket pings written through the same queue.
 * Thread-safe.
 */
final class WebSocketConnection implements Connection {

    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());
    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[]{'h'});

    private final String id;
    private final String user;
    private final Session session;
    private final Instant openedAt = Instant.now();
    private final SendQueue queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Instant lastSeen = openedAt;

    WebSocketConnection(String id, String user, Session session, int queueCapacity) {
        this.id = id;
        this.user = user;
        this.session = session;
        this.queue = new SendQueue(queueCapacity, this::write,
                () -> close(CloseCodes.SLOW_CONSUMER, "send queue overflow"),
                failure -> close(CloseCodes.GOING_AWAY, "write failed"));
    }

    private CompletableFuture<Void> write(OutboundFrame frame) {
        if (OutboundFrame.HEARTBEAT.equals(frame.type())) {
            try {
                session.getAsyncRemote().sendPing(PING.duplicate());
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.getAsyncRemote().sendText(frame.json(), result -> {
            if (result.isOK()) {
                done.complete(null);
            } else {
                done.completeExceptionally(result.getException());
            }
        });
        return done;
    }

    /** Records that the client showed it is alive. */
    void seen() {
        lastSeen = Instant.now();
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
    public String transport() {
        return "websocket";
    }

    @Override
    public boolean isBidirectional() {
        return true;
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public Instant lastSeen() {
        return lastSeen;
    }

    @Override
    public void send(OutboundFrame frame) {
        queue.offer(frame);
    }

    @Override
    public void close(int code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (code == CloseCodes.SLOW_CONSUMER || code == CloseCodes.HEARTBEAT_TIMEOUT) {
            queue.close();
        }
        // Frames already queued (a system frame, an error) leave before the close frame.
        queue.finish(() -> {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "closing connection " + id + " failed");
            }
        });
    }
}
