package io.huddle.streaming.domain.message;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stores reactions to messages: at most one of each reaction per user and message. Implementations are
 * thread-safe; every method joins the caller's transaction.
 */
public interface Reactions {

    /** One reaction on a message: how many users gave it, and whether the reading user is one of them. */
    record Count(String reaction, long count, boolean mine) {
    }

    /** Adds {@code user}'s {@code reaction} to message {@code messageId}; returns false if it was there already. */
    boolean add(String room, String messageId, String user, String reaction, Instant now);

    /** Removes {@code user}'s {@code reaction} from the message; returns whether it was there. */
    boolean remove(String messageId, String user, String reaction);

    /** How many users gave {@code reaction} to the message. */
    long count(String messageId, String reaction);

    /** How many distinct reactions the message has. */
    long distinct(String messageId);

    /** The reactions of each of {@code messageIds} that has any, as {@code viewer} sees them, in first-given order. */
    Map<String, List<Count>> of(Collection<String> messageIds, String viewer);
}
