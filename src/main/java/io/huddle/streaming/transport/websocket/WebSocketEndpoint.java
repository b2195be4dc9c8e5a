package io.huddle.streaming.transport.websocket;

import io.huddle.streaming.application.session.CommandPipeline;
import io.huddle.streaming.application.session.ConnectionService;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.transport.Identities;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint {@code /ws}. One instance per session; all shared state lives in the application
 * layer. The client is identified by the container's principal, an {@code access_token} query parameter (a
 * MicroProfile JWT) or, in development, {@code ?user=}. A session without identity is accepted and closed at once with 4401 (a browser cannot read the
 * status of a refused upgrade). A text frame more than four times the message size limit closes the
 * connection with 1009 (and none larger than 16 MiB is read at all).
 */
@Dependent
@ServerEndpoint(value = "/ws", configurator = SessionlessHandshake.class)
public class WebSocketEndpoint {

    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    /** The container's own cap on a text frame, whatever the configured limit: 16 MiB. */
    private static final long HARD_LIMIT = 16L * 1024 * 1024;

    @Inject
    ConnectionService connections;

    @Inject
    Identities identities;

    @Inject
    StreamingConfig config;

    @Inject
    Meters meters;

    @Resource
    ManagedExecutorService executor;

    @Inject
    BlockingCloses blockingCloses;

    /** This session's connection, once open (the container creates an instance per session). */
    private volatile WebSocketConnection connection;
    /** This session's commands in flight: publishes are stored while the next frames are read. */
    private volatile CommandPipeline commands;

    @OnOpen
    public void open(Session session) {
        Optional<UserId> user = identities.identify(session.getUserPrincipal(), null,
                first(session, "access_token"), first(session, "user"));
        if (user.isEmpty()) {
            closeQuietly(session, CloseCodes.UNAUTHENTICATED, "no identity");
            return;
        }
        WebSocketConnection connection = new WebSocketConnection(connections.newConnectionId(),
                user.get().value(), session, config.sendQueue(), config.directWriteBytes(), executor, blockingCloses, meters);
        connection.describeClient(first(session, "client"));
        this.connection = connection;
        this.commands = new CommandPipeline(connections, connection, reply -> {
            connection.send(OutboundFrame.of(reply.error().isPresent() ? "error" : "reply", reply.json()));
            reply.afterReply().run();
        });
        connections.opened(connection);
    }

    @OnMessage(maxMessageSize = HARD_LIMIT)
    public void message(Session session, String text) {
        WebSocketConnection connection = this.connection;
        if (connection != null) {
            connection.seen();
            if (text.length() > 4L * config.maxMessageBytes()) {
                connection.close(CloseCodes.TOO_BIG, "frame far above the size limit");
                return;
            }
            commands.accept(text);
        }
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        WebSocketConnection connection = this.connection;
        if (connection != null) {
            connection.ponged(pong.getApplicationData());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        WebSocketConnection connection = this.connection;
        if (connection != null) {
            connections.closed(connection, reason == null ? 0 : reason.getCloseCode().getCode());
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, failure, () -> "WebSocket session " + session.getId() + " failed");
    }

    private static String first(Session session, String parameter) {
        List<String> values = session.getRequestParameterMap().get(parameter);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void closeQuietly(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> "could not close session " + session.getId());
        }
    }
}
