package io.huddle.streaming.transport.websocket;

import io.huddle.streaming.application.session.CommandPipeline;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.CloseCodes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint {@code /ws}. One instance per session, created by {@link SessionlessHandshake}; all
 * shared state lives in the application layer, reached through {@link WebSocketServices}. The client is
 * identified by the container's principal, an {@code access_token} query parameter (a MicroProfile JWT) or, in
 * development, {@code ?user=}. A session without identity is accepted and closed at once with 4401 (a browser
 * cannot read the status of a refused upgrade). A text frame more than four times the message size limit closes
 * the connection with 1009 (and none larger than 16 MiB is read at all).
 */
@ServerEndpoint(value = "/ws", configurator = SessionlessHandshake.class)
public class WebSocketEndpoint {

    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    /** The container's own cap on a text frame, whatever the configured limit: 16 MiB. */
    private static final long HARD_LIMIT = 16L * 1024 * 1024;

    private final WebSocketServices services;
    /** This session's connection, once open (the container creates an instance per session). */
    private volatile WebSocketConnection connection;
    /**
     * This session's commands in flight: publishes are stored while the next frames are read. Created with the
     * first frame (read by one thread at a time): a connection that only listens never needs one.
     */
    private volatile CommandPipeline commands;

    /** As the WebSocket specification requires of an annotated endpoint; looks the services up. */
    public WebSocketEndpoint() {
        this(CDI.current().select(WebSocketServices.class).get());
    }

    /** With the services {@link SessionlessHandshake} looked up once for all sessions. */
    WebSocketEndpoint(WebSocketServices services) {
        this.services = services;
    }

    @OnOpen
    public void open(Session session) {
        String query = session.getQueryString();
        Optional<UserId> user = services.identities().identify(session.getUserPrincipal(), null,
                QueryParameters.first(query, "access_token"), QueryParameters.first(query, "user"));
        if (user.isEmpty()) {
            closeQuietly(session, CloseCodes.UNAUTHENTICATED, "no identity");
            return;
        }
        WebSocketConnection connection = new WebSocketConnection(services.connections().newConnectionId(),
                user.get().value(), session, services.config().sendQueue(), services.config().directWriteBytes(), services.config().unreadLimitBytes(),
                services.executor(), services.blockingCloses(), services.meters());
        connection.describeClient(QueryParameters.first(query, "client"));
        this.connection = connection;
        // Pongs prove how far the client has read (ReadProof). A handler added here costs the runtime less per
        // session than an annotated pong method (its per-method record and map).
        session.addMessageHandler(PongMessage.class, pong -> connection.ponged(pong.getApplicationData()));
        services.connections().opened(connection);
    }

    @OnMessage(maxMessageSize = HARD_LIMIT)
    public void message(Session session, String text) {
        WebSocketConnection connection = this.connection;
        if (connection != null) {
            connection.seen();
            if (text.length() > 4L * services.config().maxMessageBytes()) {
                connection.close(CloseCodes.TOO_BIG, "frame far above the size limit");
                return;
            }
            if (commands == null) {
                commands = new CommandPipeline(services.connections(), connection, reply -> {
                    connection.send(OutboundFrame.of(reply.error().isPresent() ? "error" : "reply", reply.json()));
                    reply.afterReply().run();
                });
            }
            commands.accept(text);
        }
    }


    @OnClose
    public void close(Session session, CloseReason reason) {
        WebSocketConnection connection = this.connection;
        if (connection != null) {
            services.connections().closed(connection, reason == null ? 0 : reason.getCloseCode().getCode());
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, failure, () -> "WebSocket session " + session.getId() + " failed");
    }

    private static void closeQuietly(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> "could not close session " + session.getId());
        }
    }
}
