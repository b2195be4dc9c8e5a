package io.huddle.streaming.domain.message;

import io.huddle.streaming.domain.room.RoomId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores and reads room messages. Implementations are thread-safe; every method joins the caller's
 * transaction (or runs in its own when there is none).
 */
public interface MessageRepository {

    /**
     * Stores {@code draft} with the next seq of its room: exactly one more than the room's previous latest,
     * with no gaps and no duplicates even under concurrent appends to the same room (appends to one room are
     * serialized until the transaction ends). If the draft carries an idempotency key that the same user used
     * in the same room within {@code dedupWindow}, nothing is stored and the earlier message is returned.
     * With {@code keep} false the seq is taken but the message itself is not kept (history turned off).
     *
     * @throws io.huddle.streaming.domain.room.RoomNotFoundException if the room does not exist
     */
    default Appended append(NewMessage draft, Duration dedupWindow, boolean keep) {
        return appendAll(draft.room(), List.of(draft), dedupWindow, keep).get(0);
    }

    /**
     * Stores {@code drafts}, all of {@code room}, as {@link #append} stores one, in one go: the new messages take
     * consecutive seqs in list order; a draft whose idempotency key was used within {@code dedupWindow}, earlier in
     * the history or earlier in the list, takes none and yields the message it repeats. Returns one outcome per
     * draft, in the same order.
     *
     * @throws io.huddle.streaming.domain.room.RoomNotFoundException if the room does not exist
     * @throws IllegalArgumentException if a draft is of another room
     */
    List<Appended> appendAll(RoomId room, List<NewMessage> drafts, Duration dedupWindow, boolean keep);

    /**
     * The stored message that {@code draft} repeats: the same room, user and idempotency key, stored at
     * {@code since} or later; empty for a draft without a key.
     */
    Optional<Message> repeatOf(NewMessage draft, Instant since);

    /** The message with {@code id} in {@code room}, if stored. */
    Optional<Message> find(RoomId room, String id);

    /** The message with {@code id} in {@code room}, if stored, locked until the transaction ends. */
    Optional<Message> findForUpdate(RoomId room, String id);

    /** A page of history as {@code query} describes; deleted messages are included, marked deleted. */
    HistoryPage page(HistoryQuery query);

    /** Deletes every message created before {@code cutoff}; returns how many. */
    long deleteCreatedBefore(Instant cutoff);

    /** The rooms holding more than {@code max} messages. */
    List<RoomId> roomsOver(long max);

    /** Deletes the oldest messages of {@code room} beyond the newest {@code keep}; returns how many. */
    long trim(RoomId room, long keep);
}
