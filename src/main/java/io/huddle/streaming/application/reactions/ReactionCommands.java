package io.huddle.streaming.application.reactions;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.Features;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.event.ReactionChanged;
import io.huddle.streaming.application.session.Reply;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.InboundCommand;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The reaction commands of a connection ({@code react}, {@code unreact}), the same for every transport, and the
 * {@code reaction} frame. Thread-safe.
 */
@ApplicationScoped
public class ReactionCommands {

    @Inject
    StreamingManager manager;

    @Inject
    Features features;

    /** {@code react} ({@code add} true) and {@code unreact}: the ack carries the reaction's count after the call. */
    public Reply react(Connection connection, InboundCommand command, boolean add) {
        features.requireRooms();
        features.requireHistory();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        String id = f.requireString("id");
        String reaction = f.requireString("reaction");
        Actor actor = Actor.user(connection.user());
        long count = add ? manager.react(actor, room, id, reaction) : manager.unreact(actor, room, id, reaction);
        return Reply.ok(Frames.ack(command.ref(), Jsons.createObjectBuilder().add("room", room).add("id", id)
                .add("reaction", reaction).add("count", count).build()));
    }

    /** The {@code reaction} frame announcing {@code change} to the room. */
    public static String frame(ReactionChanged change) {
        return Jsons.createObjectBuilder().add("type", "reaction").add("room", change.room()).add("id", change.id())
                .add("reaction", change.reaction()).add("user", change.user())
                .add("action", change.added() ? "added" : "removed").add("count", change.count()).build().toString();
    }
}
