package io.huddle.streaming.application.direct;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.Features;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.messaging.MessageFrames;
import io.huddle.streaming.application.session.Reply;
import io.huddle.streaming.application.view.DirectView;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.InboundCommand;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/**
 * The direct-conversation commands of a connection ({@code dm}, {@code dms}, {@code block}, {@code unblock},
 * {@code blocks}), the same for every transport, and the wire shape of a conversation. Thread-safe.
 */
@ApplicationScoped
public class DirectCommands {

    @Inject
    StreamingManager manager;

    @Inject
    Features features;

    /** {@code dm}: the conversation with {@code user}, opened if it was not. */
    public Reply open(Connection connection, InboundCommand command) {
        features.requireRooms();
        DirectView dm = manager.openDirect(Actor.user(connection.user()), connection.user(),
                command.fields().requireString("user"));
        return ack(command, Jsons.createObjectBuilder(object(dm)).add("created", dm.created()));
    }

    /** {@code dms}: the user's conversations, the latest active first. */
    public Reply list(Connection connection, InboundCommand command) {
        features.requireRooms();
        int limit = command.fields().optionalInt("limit", 1, 200).orElse(50);
        return ack(command, Jsons.createObjectBuilder().add("conversations",
                array(manager.directs(Actor.user(connection.user()), connection.user(), limit))));
    }

    /** {@code block} and {@code unblock}. */
    public Reply block(Connection connection, InboundCommand command, boolean block) {
        String other = command.fields().requireString("user");
        if (block) {
            manager.block(Actor.user(connection.user()), connection.user(), other);
        } else {
            manager.unblock(Actor.user(connection.user()), connection.user(), other);
        }
        return ack(command, Jsons.createObjectBuilder().add("user", other).add("blocked", block));
    }

    /** {@code blocks}: the users this user blocks. */
    public Reply blocks(Connection connection, InboundCommand command) {
        List<String> users = manager.blocks(Actor.user(connection.user()), connection.user());
        return ack(command, Jsons.createObjectBuilder().add("users", Jsons.createArrayBuilder(users)));
    }

    /** {@code conversations} as a JSON array. */
    public static JsonArrayBuilder array(List<DirectView> conversations) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        conversations.forEach(dm -> array.add(object(dm)));
        return array;
    }

    /** A conversation: {@code room}, {@code user} (the other one), {@code lastSeq} and {@code last} if any. */
    public static JsonObject object(DirectView dm) {
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("room", dm.room().id()).add("user", dm.user())
                .add("lastSeq", dm.room().lastSeq());
        dm.last().ifPresent(m -> o.add("last", MessageFrames.object(m)));
        return o.build();
    }

    private static Reply ack(InboundCommand command, JsonObjectBuilder fields) {
        return Reply.ok(Frames.ack(command.ref(), fields.build()));
    }
}
