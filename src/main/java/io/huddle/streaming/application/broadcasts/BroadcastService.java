package io.huddle.streaming.application.broadcasts;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.messaging.MessageService;
import io.huddle.streaming.application.messaging.PublishRequest;
import io.huddle.streaming.application.messaging.Published;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.Frames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What application code sends on its own: live {@code message} frames (not stored, not replayed) on the reserved
 * channels {@value #USER_CHANNEL} (to chosen users or one connection) and {@value #ALL_CHANNEL} (to everyone, or
 * everyone but some users), through the {@link Broker}, so every node delivers them; and system messages stored in
 * rooms. Every id and the data are checked before anything is sent, so a bad argument sends nothing. Thread-safe.
 */
@ApplicationScoped
public class BroadcastService {

    /** The channel name of live frames sent to a user or a connection. */
    public static final String USER_CHANNEL = "$user";

    /** The channel name of live frames sent to everyone. */
    public static final String ALL_CHANNEL = "$all";

    /** The most users or rooms one broadcast may name. */
    public static final int MAX_TARGETS = 10_000;

    private static final int MAX_CONNECTION_ID = 128;

    @Inject
    Broker broker;

    @Inject
    MessageService messages;

    @Inject
    Transactions tx;

    @Inject
    StreamingConfig config;

    private final Clock clock = Clock.systemUTC();

    /** To every connection of each of {@code users}. */
    public void toUsers(Collection<String> users, Optional<String> event, String dataJson) {
        List<String> ids = distinct(users, "users", Validation::userId);
        OutboundFrame frame = live(USER_CHANNEL, event, dataJson);
        if (!ids.isEmpty()) {
            broker.publish(Envelope.toUsers(ids, frame));
        }
    }

    /** To the one connection {@code connectionId} (as in its {@code welcome} frame); nothing if it is not open. */
    public void toConnection(String connectionId, Optional<String> event, String dataJson) {
        if (connectionId == null || connectionId.isBlank() || connectionId.length() > MAX_CONNECTION_ID) {
            throw Validation.bad("a connection id is 1 to " + MAX_CONNECTION_ID + " characters");
        }
        broker.publish(Envelope.toConnection(connectionId, live(USER_CHANNEL, event, dataJson)));
    }

    /** To every connection. */
    public void toAll(Optional<String> event, String dataJson) {
        broker.publish(Envelope.toAll(live(ALL_CHANNEL, event, dataJson)));
    }

    /** To every connection except those of {@code exceptUsers}. */
    public void toAllExcept(Collection<String> exceptUsers, Optional<String> event, String dataJson) {
        List<String> except = distinct(exceptUsers, "exceptUsers", Validation::userId);
        OutboundFrame frame = live(ALL_CHANNEL, event, dataJson);
        broker.publish(except.isEmpty() ? Envelope.toAll(frame) : Envelope.toAllExcept(except, frame));
    }

    /**
     * A system message stored in each of {@code rooms}, in one transaction: stored in all of them or, if one fails
     * (a room that does not exist, an archived room), in none. Delivered to each room after commit; the results
     * are in the order of the distinct rooms given.
     */
    public List<Published> toRooms(Collection<String> rooms, Optional<String> event, String dataJson) {
        List<RoomId> ids = distinct(rooms, "rooms", Validation::roomId);
        PublishRequest request = new PublishRequest(dataJson, event, Optional.empty(), Optional.empty());
        return tx.required(() -> ids.stream().map(room -> messages.publish(Actor.system(), room, request)).toList());
    }

    private static <T> List<T> distinct(Collection<String> values, String field, Function<String, T> parse) {
        if (values == null) {
            throw Validation.bad("'" + field + "' is required");
        }
        if (values.size() > MAX_TARGETS) {
            throw Validation.bad("'" + field + "' names " + values.size() + ", at most " + MAX_TARGETS + " allowed");
        }
        Set<T> parsed = new LinkedHashSet<>();
        for (String value : values) {
            parsed.add(parse.apply(value));
        }
        return List.copyOf(parsed);
    }

    private OutboundFrame live(String channel, Optional<String> event, String dataJson) {
        Validation.messageSize(dataJson, config.maxMessageBytes());
        Validation.json("data", dataJson);
        Validation.optionalText("event", event, 64);
        return OutboundFrame.of("message", Frames.message("channel", channel, UUID.randomUUID().toString(), 0,
                Actor.system().name(), dataJson, event.orElse(null), null, clock.instant().toString()));
    }
}
