package io.huddle.streaming.transport.websocket;

import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.QueuedConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection over a WebSocket session: frames are written with the session's asynchronous sender, one at a
 * time; heartbeats are WebSocket pings written through the same queue. Thread-safe.
 */
final class WebSocketConnection extends QueuedConnection {

    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());
    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[]{'h'});

    private final Session session;

    WebSocketConnection(String id, String user, Session session, int queueCapacity) {
        super(id, user, queueCapacity);
        this.session = session;
    }

    @Override
    protected CompletionStage<?> write(OutboundFrame frame) {
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

    @Override
    protected void closeTransport(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "closing connection " + id() + " failed");
        }
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public boolean isBidirectional() {
        return true;
    }
}
