package io.huddle.streaming.application.pins;

import io.huddle.streaming.application.messaging.MessageFrames;
import io.huddle.streaming.application.view.PinView;
import io.huddle.streaming.protocol.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.List;

/**
 * The wire shape of pins, the same on every transport: a pin object ({@code message}, {@code pinnedBy},
 * {@code pinnedAt}) in lists, and the {@code pin} frames announcing a change. Stateless.
 */
public final class PinFrames {

    private PinFrames() {
    }

    /** {@code pin} as a JSON object. */
    public static JsonObject object(PinView pin) {
        return Jsons.createObjectBuilder().add("message", MessageFrames.object(pin.message()))
                .add("pinnedBy", pin.pinnedBy()).add("pinnedAt", pin.pinnedAt().toString()).build();
    }

    /** {@code pins} as a JSON array. */
    public static JsonArrayBuilder array(List<PinView> pins) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        pins.forEach(pin -> array.add(object(pin)));
        return array;
    }

    /** The {@code pin} frame announcing that {@code pin} was made. */
    public static String pinned(String room, PinView pin) {
        return Jsons.createObjectBuilder().add("type", "pin").add("room", room).add("action", "pinned")
                .add("id", pin.message().id()).add("by", pin.pinnedBy()).add("at", pin.pinnedAt().toString())
                .add("message", MessageFrames.object(pin.message())).build().toString();
    }

    /** The {@code pin} frame announcing that message {@code id} is no longer pinned. */
    public static String unpinned(String room, String id, String by) {
        return Jsons.createObjectBuilder().add("type", "pin").add("room", room).add("action", "unpinned")
                .add("id", id).add("by", by).build().toString();
    }
}
