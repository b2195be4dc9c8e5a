package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.Reactions;

import java.time.Instant;
import java.util.List;
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
 * @param deleted   whether it was deleted
 * @param reactions its reactions as the reader sees them (counts, and whether the reader gave each), in the order
 *                  they were first given; empty where not read (live frames of new messages)
 */
public record MessageView(String id, String room, long seq, String user, Optional<String> event, String data,
                          Optional<String> thread, Instant ts, Optional<Instant> editedAt, boolean deleted,
                          List<Reactions.Count> reactions) {

    public MessageView {
        reactions = List.copyOf(reactions);
    }

    /** A message without reactions read. */
    public MessageView(String id, String room, long seq, String user, Optional<String> event, String data,
                       Optional<String> thread, Instant ts, Optional<Instant> editedAt, boolean deleted) {
        this(id, room, seq, user, event, data, thread, ts, editedAt, deleted, List.of());
    }

    /** A snapshot of {@code message}, without its reactions. */
    public static MessageView of(Message message) {
        return new MessageView(message.id(), message.room().value(), message.seq(), message.user(), message.event(),
                message.data(), message.thread(), message.createdAt(), message.editedAt(), message.isDeleted());
    }

    /** This message with {@code counts} as its reactions. */
    public MessageView withReactions(List<Reactions.Count> counts) {
        return new MessageView(id, room, seq, user, event, data, thread, ts, editedAt, deleted, counts);
    }
}
