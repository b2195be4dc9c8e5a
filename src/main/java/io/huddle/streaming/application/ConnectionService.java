package io.huddle.streaming.application;

import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.InboundCommand;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.RejectedFrame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of a connection, the same for every transport: opening (registration and the {@code welcome}
 * frame), each inbound frame (parsed, dispatched, answered with exactly one reply), and closing.
 * Thread-safe; frames of one connection may arrive on different threads.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class.getName());

    @Inject
    StreamingConfig config;

    @Inject
    ConnectionRegistry registry;

    /** A new connection id, unique across the cluster and not guessable. */
    public String newConnectionId() {
        return UUID.randomUUID().toString();
    }

    /** Registers {@code connection} and sends it {@code welcome}. */
    public void opened(Connection connection) {
        registry.register(connection);
        connection.send(OutboundFrame.of("welcome", Frames.welcome(connection.id(), connection.user(),
                config.nodeId(), config.heartbeatInterval().toMillis(), config.maxMessageBytes(),
                config.messagesPerSecond())));
    }

    /** Forgets {@code connection}. Harmless if called twice. */
    public void closed(Connection connection) {
        registry.unregister(connection);
    }

    /**
     * Handles one inbound frame of {@code connection} and returns the one reply it gets ({@code ack},
     * {@code error} or {@code pong}). Never throws: any failure becomes an {@code error} frame without
     * internal detail.
     */
    public Reply handle(Connection connection, String text) {
        String ref = null;
        try {
            if (text.length() > config.maxMessageBytes()) {
                throw new HuddleException(ErrorCode.TOO_LARGE,
                        "the frame exceeds " + config.maxMessageBytes() + " bytes");
            }
            InboundCommand command = InboundCommand.parse(text);
            ref = command.ref();
            return new Reply(dispatch(connection, command), Optional.empty());
        } catch (RejectedFrame e) {
            return failure(e.ref(), e);
        } catch (HuddleException e) {
            return failure(ref, e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "command failed on connection " + connection.id());
            return failure(ref, new HuddleException(ErrorCode.INTERNAL, "the server could not handle the command"));
        }
    }

    private String dispatch(Connection connection, InboundCommand command) {
        return switch (command.type()) {
            case "ping" -> Frames.pong();
            default -> throw new HuddleException(ErrorCode.BAD_REQUEST,
                    "unknown command type '" + abbreviate(command.type()) + "'");
        };
    }

    private static Reply failure(String ref, HuddleException problem) {
        return new Reply(Frames.error(ref, problem), Optional.of(problem.code()));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
