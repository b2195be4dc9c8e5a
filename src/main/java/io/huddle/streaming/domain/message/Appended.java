package io.huddle.streaming.domain.message;

import java.util.Objects;

/**
 * The outcome of {@link MessageRepository#append}: the stored message, and whether it had been stored
 * before under the same idempotency key (then nothing new was written and nothing must be delivered).
 *
 * @param message   the stored message, never {@code null}
 * @param duplicate {@code true} if {@code message} is an earlier message with the same idempotency key
 */
public record Appended(Message message, boolean duplicate) {

    public Appended {
        Objects.requireNonNull(message, "message");
    }
}
