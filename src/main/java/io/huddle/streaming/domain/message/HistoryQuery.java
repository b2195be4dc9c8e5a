package io.huddle.streaming.domain.message;

import io.huddle.streaming.domain.room.RoomId;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A page of a room's history. With {@code after}, the page is the oldest messages with a greater seq;
 * otherwise the newest messages with a smaller seq than {@code before} (or the newest overall).
 *
 * @param room   the room
 * @param before only messages with seq below this
 * @param after  only messages with seq above this
 * @param limit  at most this many, 1 to 200
 * @param text   only messages whose data contains this text (case-insensitive)
 * @param thread only replies to this message id
 * @param author only messages of this user
 */
public record HistoryQuery(RoomId room, OptionalLong before, OptionalLong after, int limit, Optional<String> text,
                           Optional<String> thread, Optional<String> author) {

    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 200;

    public HistoryQuery {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(author, "author");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** A query of any author's messages. */
    public HistoryQuery(RoomId room, OptionalLong before, OptionalLong after, int limit, Optional<String> text,
                        Optional<String> thread) {
        this(room, before, after, limit, text, thread, Optional.empty());
    }

    /** The newest {@code limit} messages of {@code room}. */
    public static HistoryQuery latest(RoomId room, int limit) {
        return new HistoryQuery(room, OptionalLong.empty(), OptionalLong.empty(), limit, Optional.empty(),
                Optional.empty());
    }
}
