package io.huddle.streaming.application.reading;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.Features;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.session.Reply;
import io.huddle.streaming.application.view.UnreadView;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.InboundCommand;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.List;

/**
 * The read-marker commands of a connection ({@code read}, {@code unread}), the same for every transport, and the
 * wire shape of unread counts. Thread-safe.
 */
@ApplicationScoped
public class ReadCommands {

    @Inject
    StreamingManager manager;

    @Inject
    Features features;

    /** {@code read}: the ack carries the marker after the call. */
    public Reply read(Connection connection, InboundCommand command) {
        features.requireRooms();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        long seq = f.requireLong("seq", 0, Long.MAX_VALUE);
        long marker = manager.markRead(Actor.user(connection.user()), room, connection.user(), seq);
        return Reply.ok(Frames.ack(command.ref(), Jsons.createObjectBuilder().add("room", room).add("seq", marker).build()));
    }

    /** {@code unread}: the user's unread counts in every room they are a member of. */
    public Reply unread(Connection connection, InboundCommand command) {
        features.requireRooms();
        List<UnreadView> rooms = manager.unread(Actor.user(connection.user()), connection.user());
        return Reply.ok(Frames.ack(command.ref(), Jsons.createObjectBuilder().add("rooms", array(rooms)).build()));
    }

    /** {@code rooms} as the JSON array of {@code unread} answers. */
    public static JsonArrayBuilder array(List<UnreadView> rooms) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        rooms.forEach(r -> array.add(object(r)));
        return array;
    }

    private static JsonObject object(UnreadView r) {
        return Jsons.createObjectBuilder().add("room", r.room()).add("unread", r.unread()).add("mentions", r.mentions())
                .add("lastSeq", r.lastSeq()).add("readSeq", r.readSeq()).build();
    }

    /** The {@code read} frame telling a user's connections that their marker in {@code room} is at {@code seq}. */
    public static String frame(String room, long seq) {
        return Jsons.createObjectBuilder().add("type", "read").add("room", room).add("seq", seq).build().toString();
    }
}
