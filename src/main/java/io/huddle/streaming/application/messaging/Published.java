package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.view.MessageView;

/**
 * The stored message a publish resulted in, and whether it was stored by an earlier publish with the same
 * idempotency key (then nothing new was stored or delivered). Immutable.
 *
 * @param message   the stored message
 * @param duplicate whether this repeated an earlier publish
 */
public record Published(MessageView message, boolean duplicate) {
}
