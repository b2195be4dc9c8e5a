package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.message.PinRepository;

import java.time.Instant;

/**
 * A pinned message as it was when read. Immutable.
 *
 * @param message  the message
 * @param pinnedBy who pinned it
 * @param pinnedAt when
 */
public record PinView(MessageView message, String pinnedBy, Instant pinnedAt) {

    /** A snapshot of {@code pinned}. */
    public static PinView of(PinRepository.Pinned pinned) {
        return new PinView(MessageView.of(pinned.message()), pinned.pin().pinnedBy(), pinned.pin().pinnedAt());
    }
}
