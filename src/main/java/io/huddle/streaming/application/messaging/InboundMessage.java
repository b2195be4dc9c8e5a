package io.huddle.streaming.application.messaging;

import java.util.Objects;
import java.util.Optional;

/**
 * A room message on its way in, as {@link MessageFilter}s see it. Immutable.
 *
 * @param room   the room's id
 * @param user   the sender
 * @param data   the payload as JSON text
 * @param event  the application's event name, if any
 * @param thread the id of the message replied to, if any
 */
public record InboundMessage(String room, String user, String data, Optional<String> event, Optional<String> thread) {

    public InboundMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(thread, "thread");
    }

    /** The same message with other data (JSON text). */
    public InboundMessage withData(String json) {
        return new InboundMessage(room, user, json, event, thread);
    }
}
