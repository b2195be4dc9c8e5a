package io.huddle.streaming.application.messaging;

import io.huddle.streaming.domain.message.Mentions;
import io.huddle.streaming.protocol.JsonFields;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to store in a room's history. Immutable.
 *
 * @param data   the payload as JSON text (any JSON value)
 * @param event  an application event name, up to 64 characters
 * @param thread the id of a message of the same room this one replies to
 * @param key      an idempotency key, up to 128 characters: the same key from the same user within the dedup
 *                 window is stored once
 * @param mentions users the message mentions besides those named with {@code @} in its text (user ids, at most
 *                 {@value io.huddle.streaming.domain.message.Mentions#MAX} in all)
 */
public record PublishRequest(String data, Optional<String> event, Optional<String> thread, Optional<String> key,
                             List<String> mentions) {

    public PublishRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(key, "key");
        mentions = List.copyOf(mentions);
    }

    /** A request without explicit mentions. */
    public PublishRequest(String data, Optional<String> event, Optional<String> thread, Optional<String> key) {
        this(data, event, thread, key, List.of());
    }

    /**
     * The request a {@code publish} command or a REST publish gives: {@code data} (required, any JSON),
     * {@code event}, {@code thread}, {@code key} and {@code mentions} (an array of user ids); {@code bad_request}
     * for a field of the wrong type.
     */
    public static PublishRequest from(JsonFields f) {
        return new PublishRequest(f.requireJson("data"), f.optionalString("event"), f.optionalString("thread"),
                f.optionalString("key"), f.stringList("mentions", Mentions.MAX));
    }

    /** A plain message with {@code json} as its data. */
    public static PublishRequest of(String json) {
        return new PublishRequest(json, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
