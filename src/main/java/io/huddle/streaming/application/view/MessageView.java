package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.message.Message;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored room message as it was when read. Immutable.
 *
 * @param id       the message id
 * @param room     the room's id
 * @param seq      the room's sequence number of this message
 * @param user     the author
 * @param event    the application's event name, if any
 * @param data     the payload as JSON text ({@code null} as JSON once deleted)
 * @param thread   the id of the message this one replies to, if any
 * @param ts       when it was stored
 * @param editedAt when it was last edited, if ever
 * @param deleted  whether it was deleted
 */
public record MessageView(String id, String room, long seq, String user, Optional<String> event, String data,
                          Optional<String> thread, Instant ts, Optional<Instant> editedAt, boolean deleted) {

    /** A snapshot of {@code message}. */
    public static MessageView of(Message message) {
        return new MessageView(message.id(), message.room().value(), message.seq(), message.user(), message.event(),
                message.data(), message.thread(), message.createdAt(), message.editedAt(), message.isDeleted());
    }
}
