package io.huddle.streaming.application.view;

/**
 * A user's unread state in one of their rooms. Immutable.
 *
 * @param room     the room's id
 * @param unread   how many messages came after the user's read marker (their own included)
 * @param mentions how many of those mention the user
 * @param lastSeq  the room's latest seq
 * @param readSeq  the user's read marker
 */
public record UnreadView(String room, long unread, long mentions, long lastSeq, long readSeq) {
}
