package io.huddle.streaming.transport.websocket;

import io.huddle.streaming.application.ConnectionService;
import io.huddle.streaming.application.IdentityResolver;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.CloseCodes;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint {@code /ws}. One instance per session; all shared state lives in the application
 * layer. A session without identity is accepted and closed at once with 4401 (a browser cannot read the
 * status of a refused upgrade).
 */
@Dependent
@ServerEndpoint("/ws")
public class WebSocketEndpoint {

    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    private static final String CONNECTION = "huddle.connection";
    private static final int QUEUE_CAPACITY = 1024;

    @Inject
    ConnectionService connections;

    @Inject
    IdentityResolver identities;

    @OnOpen
    public void open(Session session) {
        List<String> userParam = session.getRequestParameterMap().get("user");
        Optional<UserId> user = identities.resolve(session.getUserPrincipal(),
                userParam == null || userParam.isEmpty() ? null : userParam.get(0));
        if (user.isEmpty()) {
            closeQuietly(session, CloseCodes.UNAUTHENTICATED, "no identity");
            return;
        }
        WebSocketConnection connection = new WebSocketConnection(connections.newConnectionId(),
                user.get().value(), session, QUEUE_CAPACITY);
        session.getUserProperties().put(CONNECTION, connection);
        connections.opened(connection);
    }

    @OnMessage
    public void message(Session session, String text) {
        WebSocketConnection connection = connectionOf(session);
        if (connection != null) {
            connection.send(OutboundFrame.of("reply", connections.handle(connection, text).json()));
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        WebSocketConnection connection = connectionOf(session);
        if (connection != null) {
            connections.closed(connection);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, failure, () -> "WebSocket session " + session.getId() + " failed");
    }

    private static WebSocketConnection connectionOf(Session session) {
        return (WebSocketConnection) session.getUserProperties().get(CONNECTION);
    }

    private static void closeQuietly(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> "could not close session " + session.getId());
        }
    }
}
