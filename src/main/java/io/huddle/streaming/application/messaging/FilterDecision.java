package io.huddle.streaming.application.messaging;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MessageFilter}'s verdict: the message to go on with, or the reason it is rejected. Immutable.
 *
 * @param message the message to store, when accepted
 * @param reason  why it was rejected, when rejected
 */
public record FilterDecision(Optional<InboundMessage> message, Optional<String> reason) {

    public FilterDecision {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
        if (message.isPresent() == reason.isPresent()) {
            throw new IllegalArgumentException("a decision either accepts a message or gives a reason");
        }
    }

    /** Go on with {@code message} (the original or a rewritten one). */
    public static FilterDecision accept(InboundMessage message) {
        return new FilterDecision(Optional.of(message), Optional.empty());
    }

    /** Refuse the message; {@code reason} is shown to the sender. */
    public static FilterDecision reject(String reason) {
        return new FilterDecision(Optional.empty(), Optional.of(reason));
    }
}
