package io.huddle.streaming.application.session;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.channels.ChannelService;
import io.huddle.streaming.application.direct.DirectCommands;
import io.huddle.streaming.application.pins.PinCommands;
import io.huddle.streaming.application.presence.PresenceService;
import io.huddle.streaming.application.reactions.ReactionCommands;
import io.huddle.streaming.application.reading.ReadCommands;
import io.huddle.streaming.application.rooms.RoomCommands;
import io.huddle.streaming.application.session.RateLimiter.Budget;
import io.huddle.streaming.application.support.Errors;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.typing.TypingService;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.ClusterConnections;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionIds;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.UserPresence;
import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.InboundCommand;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import io.huddle.streaming.protocol.RejectedFrame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of a connection, the same for every transport: opening (limits, registration and the
 * {@code welcome} frame), each inbound frame (size and rate checks, parsing, dispatch, exactly one reply), and
 * closing. Thread-safe; frames of one connection may arrive on different threads.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Inject
    StreamingConfig config;

    @Inject
    ConnectionRegistry registry;

    /** The user's connections on the other nodes of a cluster: the limit counts them too. */
    @Inject
    ClusterConnections elsewhere;

    @Inject
    RateLimiter limiter;

    @Inject
    RoomCommands rooms;

    @Inject
    PinCommands pins;

    @Inject
    ReadCommands reading;

    @Inject
    DirectCommands direct;

    @Inject
    ReactionCommands reactions;

    @Inject
    ChannelService channelService;

    @Inject
    PresenceService presence;

    @Inject
    TypingService typing;

    @Inject
    Draining draining;

    @Inject
    Meters meters;

    /** A new connection id, unique across the cluster, not guessable, naming this node. */
    public String newConnectionId() {
        return ConnectionIds.newId(config.nodeId());
    }

    /**
     * Registers {@code connection} and sends it {@code welcome}; a user already at the connection limit has it
     * closed with 4429 instead. Returns whether the connection was admitted.
     */
    public boolean opened(Connection connection) {
        if (!admit(connection)) {
            return false;
        }
        welcome(connection);
        return true;
    }

    /**
     * The first half of {@link #opened}: registers {@code connection}, or closes it with 4429 if its user is at
     * the connection limit (counted over every node of a cluster, as the others last reported), or with 1001 after
     * a {@code system draining} frame while the node drains. A transport that sets a connection up before greeting
     * it (joins and subscriptions asked for when it opens) calls this, then {@link #welcome}.
     */
    public boolean admit(Connection connection) {
        if (draining.draining()) {
            draining.refuse(connection);
            meters.connectionClosed(connection.transport(), CloseCodes.GOING_AWAY);
            return false;
        }
        registry.register(connection);
        int here = registry.ofUser(connection.user()).size();
        if (here + elsewhere.elsewhere(connection.user()) > config.connectionsPerUser()) {
            registry.unregister(connection);
            connection.send(OutboundFrame.of("error", Frames.error(null, new HuddleException(ErrorCode.LIMIT_EXCEEDED,
                    "at most " + config.connectionsPerUser() + " connections per user"))));
            connection.close(CloseCodes.TOO_MANY_CONNECTIONS, "too many connections");
            meters.connectionClosed(connection.transport(), CloseCodes.TOO_MANY_CONNECTIONS);
            return false;
        }
        elsewhere.here(connection.user(), here);
        meters.connectionOpened(connection.transport());
        ConnectionLog.opened(connection, config.nodeId());
        return true;
    }

    /** The second half of {@link #opened}: sends {@code welcome} to an admitted connection; its user is online. */
    public void welcome(Connection connection) {
        connection.send(OutboundFrame.of("welcome", Frames.welcome(connection.id(), connection.user(),
                config.nodeId(), config.heartbeatInterval().toMillis(), config.maxMessageBytes(),
                config.messagesPerSecond())));
        presence.connected(connection.user(), connection.id());
    }

    /**
     * Forgets {@code connection} and its channel subscriptions, counting and logging its close: with the code the
     * server closed it with, else {@code transportCode} (what the client sent; 0 if the transport knows none, logged
     * as 1005, no status). Harmless if called twice.
     */
    public void closed(Connection connection, int transportCode) {
        if (registry.unregister(connection)) {
            int code = connection.closeCode() != 0 ? connection.closeCode()
                    : transportCode != 0 ? transportCode : CloseCodes.NO_STATUS;
            meters.connectionClosed(connection.transport(), code);
            ConnectionLog.closed(connection, config.nodeId(), code, connection.closeReason());
            elsewhere.here(connection.user(), registry.ofUser(connection.user()).size());
            channelService.closed(connection);
            presence.disconnected(connection.user(), connection.id());
            if (registry.ofUser(connection.user()).isEmpty()) {
                typing.endAll(connection.user());
            }
        }
    }

    /**
     * Handles one inbound frame of {@code connection} and returns the one reply it gets ({@code ack},
     * {@code error} or {@code pong}), waiting for a publish to be stored. Never throws: any failure becomes an
     * {@code error} frame without internal detail.
     */
    public Reply handle(Connection connection, String text) {
        return submit(connection, text, DONE).join();
    }

    /**
     * Like {@link #handle}, except that a {@code publish} to a room does not wait: its reply completes once the
     * message is stored (the future never completes exceptionally). Any other command first waits for
     * {@code earlier} (the replies still due on the connection), so a connection's commands take effect in the
     * order they were sent.
     */
    public CompletableFuture<Reply> submit(Connection connection, String text, CompletableFuture<?> earlier) {
        String ref = null;
        try {
            if (text.length() > config.maxMessageBytes()
                    && text.getBytes(StandardCharsets.UTF_8).length > config.maxMessageBytes()) {
                return CompletableFuture.completedFuture(failure(connection, refOf(text),
                        new HuddleException(ErrorCode.TOO_LARGE, "the frame exceeds " + config.maxMessageBytes() + " bytes")));
            }
            InboundCommand command = InboundCommand.parse(text);
            ref = command.ref();
            presence.active(connection.user());
            Optional<String> room = roomOfPublish(command);
            if (room.isPresent()) {
                String answerRef = ref;
                return rooms.publish(connection, command, room.get())
                        .exceptionally(e -> failure(connection, answerRef, e));
            }
            awaitQuietly(earlier);
            return CompletableFuture.completedFuture(dispatch(connection, command));
        } catch (RejectedFrame e) {
            return CompletableFuture.completedFuture(failure(connection, e.ref(), e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(connection, ref, e));
        }
    }

    /** The room of a {@code publish} that names a room and no channel: the one command whose reply may wait. */
    private static Optional<String> roomOfPublish(InboundCommand command) {
        if (!"publish".equals(command.type()) || command.fields().optionalString("channel").isPresent()) {
            return Optional.empty();
        }
        return command.fields().optionalString("room");
    }

    private static void awaitQuietly(CompletableFuture<?> earlier) {
        if (!earlier.isDone()) {
            try {
                earlier.join();
            } catch (CompletionException | CancellationException e) {
                LOG.log(Level.FINE, "an earlier reply failed", e);
            }
        }
    }

    /** The {@code error} reply for {@code e}: its own code if it is a known rule, {@code internal} (logged) if not. */
    private Reply failure(Connection connection, String ref, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof RejectedFrame rejected) {
            return failure(connection, rejected.ref(), rejected);
        }
        HuddleException error = cause instanceof RuntimeException runtime ? Errors.known(runtime).orElse(null) : null;
        if (error == null) {
            LOG.log(Level.WARNING, cause, () -> "command failed on connection " + connection.id());
            error = Errors.internal();
        }
        return failure(connection, ref, error);
    }

    private static String refOf(String text) {
        try {
            return InboundCommand.parse(text).ref();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Reply dispatch(Connection connection, InboundCommand command) {
        String type = command.type();
        switch (type) {
            case "ping":
                return Reply.ok(Frames.pong());
            case "publish":
            case "edit":
            case "delete":
                // Messages spend the message budget where they are handled, the same on every path.
                break;
            default:
                limiter.acquire(connection.user(), Budget.COMMANDS);
        }
        return switch (type) {
            case "typing" -> typing(connection, command);
            case "join" -> rooms.join(connection, command);
            case "leave" -> rooms.leave(connection, command);
            case "publish" -> publish(connection, command);
            case "edit" -> rooms.edit(connection, command);
            case "delete" -> rooms.delete(connection, command);
            case "history" -> rooms.history(connection, command);
            case "who" -> rooms.who(connection, command);
            case "room_mode" -> rooms.mode(connection, command);
            case "rooms" -> rooms.rooms(connection, command);
            case "pin" -> pins.pin(connection, command);
            case "unpin" -> pins.unpin(connection, command);
            case "pins" -> pins.pins(connection, command);
            case "react" -> reactions.react(connection, command, true);
            case "unreact" -> reactions.react(connection, command, false);
            case "dm" -> direct.open(connection, command);
            case "dms" -> direct.list(connection, command);
            case "block" -> direct.block(connection, command, true);
            case "unblock" -> direct.block(connection, command, false);
            case "blocks" -> direct.blocks(connection, command);
            case "read" -> reading.read(connection, command);
            case "unread" -> reading.unread(connection, command);
            case "subscribe" -> subscribe(connection, command, true);
            case "unsubscribe" -> subscribe(connection, command, false);
            case "presence" -> presence(connection, command);
            default -> throw new HuddleException(ErrorCode.BAD_REQUEST,
                    "unknown command type '" + abbreviate(type) + "'");
        };
    }

    /** A {@code publish} to a channel, or one naming both a room and a channel or neither (a room's alone is submitted). */
    private Reply publish(Connection connection, InboundCommand command) {
        JsonFields f = command.fields();
        Optional<String> room = f.optionalString("room");
        Optional<String> channel = f.optionalString("channel");
        if (room.isPresent() == channel.isPresent()) {
            throw new HuddleException(ErrorCode.BAD_REQUEST, "a publish names either 'room' or 'channel'");
        }
        String data = f.requireJson("data");
        String id = channelService.publish(Actor.user(connection.user()), channel.orElseThrow(), data, f.optionalString("event"));
        return ack(command, Jsons.createObjectBuilder().add("channel", channel.get()).add("id", id));
    }

    private Reply subscribe(Connection connection, InboundCommand command, boolean subscribe) {
        String channel = command.fields().requireString("channel");
        if (subscribe) {
            channelService.subscribe(connection, channel);
        } else {
            channelService.unsubscribe(connection, channel);
        }
        return ack(command, Jsons.createObjectBuilder().add("channel", channel));
    }

    private Reply typing(Connection connection, InboundCommand command) {
        JsonFields f = command.fields();
        String room = f.requireString("room");
        boolean active = f.requireBoolean("active");
        Validation.roomId(room);
        typing.typing(room, connection.user(), active);
        return ack(command, Jsons.createObjectBuilder().add("room", room).add("active", active));
    }

    private Reply presence(Connection connection, InboundCommand command) {
        JsonFields f = command.fields();
        UserPresence p = presence.choose(connection.user(), connection.id(), f.requireString("status"),
                f.optionalString("device"), f.optionalString("text"));
        return ack(command, PresenceService.json(p, p.ownStatus()));
    }

    private static Reply ack(InboundCommand command, JsonObjectBuilder fields) {
        return Reply.ok(Frames.ack(command.ref(), fields.build()));
    }

    /** The one place an {@code error} reply is made: counted by path (the connection's transport) and code. */
    private Reply failure(Connection connection, String ref, HuddleException problem) {
        meters.error(connection.transport(), problem.code().wireName());
        return Reply.failed(Frames.error(ref, problem), problem.code());
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
