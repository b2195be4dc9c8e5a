package io.huddle.streaming.domain.message;

import io.huddle.streaming.domain.room.RoomId;

import java.util.List;
import java.util.Optional;

/**
 * Stores the pinned messages of rooms. Implementations are thread-safe; every method joins the caller's
 * transaction.
 */
public interface PinRepository {

    /** A pinned message with its pin. */
    record Pinned(Pin pin, Message message) {
    }

    /** The pin of message {@code messageId} in {@code room}, if it is pinned. */
    Optional<Pin> find(RoomId room, String messageId);

    /** Stores {@code pin}; the message must not be pinned already. */
    void add(Pin pin);

    /** Removes the pin of message {@code messageId} in {@code room}; returns whether it was pinned. */
    boolean remove(RoomId room, String messageId);

    /** How many messages {@code room} has pinned. */
    long count(RoomId room);

    /** The pinned messages of {@code room}, the latest pinned first. */
    List<Pinned> of(RoomId room);
}
