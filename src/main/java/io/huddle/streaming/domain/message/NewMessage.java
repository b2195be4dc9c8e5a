package io.huddle.streaming.domain.message;

import io.huddle.streaming.domain.room.RoomId;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A message about to be stored: everything but its id, seq and time, which the repository assigns.
 *
 * @param room           the room, never {@code null}
 * @param user           the author, never {@code null}
 * @param data           the payload as JSON text, never {@code null}
 * @param event          an application-chosen event name
 * @param thread         the id of the message this one replies to
 * @param idempotencyKey a client key: the same key from the same user in the same room within the dedup
 *                       window stores the message once
 * @param mentions       the users it mentions ({@link Mentions}), recorded with it for their unread counts
 */
public record NewMessage(RoomId room, String user, String data, Optional<String> event, Optional<String> thread,
                         Optional<String> idempotencyKey, Set<String> mentions) {

    public NewMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        mentions = Set.copyOf(mentions);
    }

    /** A message that mentions nobody. */
    public NewMessage(RoomId room, String user, String data, Optional<String> event, Optional<String> thread,
                      Optional<String> idempotencyKey) {
        this(room, user, data, event, thread, idempotencyKey, Set.of());
    }
}
