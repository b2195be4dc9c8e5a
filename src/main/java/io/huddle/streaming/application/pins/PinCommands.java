package io.huddle.streaming.application.pins;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.Features;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.session.Reply;
import io.huddle.streaming.application.view.PinView;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.InboundCommand;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

/**
 * The pin commands of a connection ({@code pin}, {@code unpin}, {@code pins}), the same for every transport.
 * Thread-safe.
 */
@ApplicationScoped
public class PinCommands {

    @Inject
    StreamingManager manager;

    @Inject
    Features features;

    /** {@code pin}: the ack carries the pin. */
    public Reply pin(Connection connection, InboundCommand command) {
        requireFeatures();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        PinView pin = manager.pin(Actor.user(connection.user()), room, f.requireString("id"));
        return ack(command, Jsons.createObjectBuilder().add("room", room).add("pin", PinFrames.object(pin)));
    }

    /** {@code unpin}. */
    public Reply unpin(Connection connection, InboundCommand command) {
        requireFeatures();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        String id = f.requireString("id");
        manager.unpin(Actor.user(connection.user()), room, id);
        return ack(command, Jsons.createObjectBuilder().add("room", room).add("id", id));
    }

    /** {@code pins}: the room's pinned messages, the latest pinned first. */
    public Reply pins(Connection connection, InboundCommand command) {
        requireFeatures();
        String room = command.fields().requireString("room");
        return ack(command, Jsons.createObjectBuilder().add("room", room)
                .add("pins", PinFrames.array(manager.pins(Actor.user(connection.user()), room))));
    }

    private void requireFeatures() {
        features.requireRooms();
        features.requireHistory();
    }

    private static Reply ack(InboundCommand command, JsonObjectBuilder fields) {
        return Reply.ok(Frames.ack(command.ref(), fields.build()));
    }
}
