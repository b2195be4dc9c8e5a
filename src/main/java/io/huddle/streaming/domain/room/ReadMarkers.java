package io.huddle.streaming.domain.room;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Read markers and mentions: how far each member has read each room, and which messages mention whom, so a user's
 * unread counts over all their rooms are one cheap read (the room's latest seq less the marker; mentions counted
 * from the marker on). Implementations are thread-safe; every method joins the caller's transaction.
 */
public interface ReadMarkers {

    /** One room of a user: its latest seq, the user's marker, and the mentions of the user after the marker. */
    record Unread(RoomId room, long lastSeq, long readSeq, long mentions) {

        /** The messages after the marker. */
        public long count() {
            return Math.max(0, lastSeq - readSeq);
        }
    }

    /** A marker after a {@link #markRead}: where it is, and whether that call moved it. */
    record Marked(long readSeq, boolean moved) {
    }

    /**
     * Moves {@code user}'s marker in {@code room} forward to {@code seq}, or to the room's latest seq if that is
     * lower; a marker never moves back. Returns the marker after the call, or empty if the user is not a member.
     */
    Optional<Marked> markRead(RoomId room, String user, long seq);

    /** Every room {@code user} is a member of, with its unread counts, by room id. */
    List<Unread> unread(String user);

    /** Records that the message {@code seq} of {@code room} mentions {@code users} (those who are members). */
    void mention(RoomId room, long seq, Collection<String> users);
}
