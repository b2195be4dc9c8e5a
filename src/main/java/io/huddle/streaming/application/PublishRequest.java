package io.huddle.streaming.application;

import java.util.Objects;
import java.util.Optional;

/**
 * A message to store in a room's history. Immutable.
 *
 * @param data   the payload as JSON text (any JSON value)
 * @param event  an application event name, up to 64 characters
 * @param thread the id of a message of the same room this one replies to
 * @param key    an idempotency key, up to 128 characters: the same key from the same user within the dedup
 *               window is stored once
 */
public record PublishRequest(String data, Optional<String> event, Optional<String> thread, Optional<String> key) {

    public PublishRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(key, "key");
    }

    /** A plain message with {@code json} as its data. */
    public static PublishRequest of(String json) {
        return new PublishRequest(json, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
