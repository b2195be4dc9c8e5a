package io.huddle.streaming.application.rooms;

import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.JsonFields;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes to how a room takes messages, which moderators make live: each present field is set, each empty one
 * left as it is. Immutable.
 *
 * @param slowModeMs the least interval between two messages of one member below moderator, in milliseconds
 *                   (0 turns slow mode off; at most {@link #MAX_SLOW_MODE_MS})
 * @param locked     whether only moderators and above may publish and edit
 */
public record RoomMode(Optional<Integer> slowModeMs, Optional<Boolean> locked) {

    /** The longest slow mode interval: one hour. */
    public static final int MAX_SLOW_MODE_MS = 3_600_000;

    public RoomMode {
        Objects.requireNonNull(slowModeMs, "slowModeMs");
        Objects.requireNonNull(locked, "locked");
    }

    /** No change; add changes with the {@code with…} methods. */
    public static RoomMode unchanged() {
        return new RoomMode(Optional.empty(), Optional.empty());
    }

    public RoomMode withSlowModeMs(int intervalMs) {
        return new RoomMode(Optional.of(intervalMs), locked);
    }

    public RoomMode withLocked(boolean value) {
        return new RoomMode(slowModeMs, Optional.of(value));
    }

    /** The mode given by the fields {@code slowModeMs} and {@code locked}, as a command or a request body has them. */
    public static RoomMode from(JsonFields fields) {
        RoomMode mode = unchanged();
        if (fields.has("slowModeMs")) {
            mode = mode.withSlowModeMs(fields.optionalInt("slowModeMs", Integer.MIN_VALUE, Integer.MAX_VALUE)
                    .orElseThrow(() -> new HuddleException(ErrorCode.BAD_REQUEST,
                            "field 'slowModeMs' must be a number of milliseconds (0 turns slow mode off)")));
        }
        if (fields.has("locked")) {
            mode = mode.withLocked(fields.requireBoolean("locked"));
        }
        return mode;
    }

    /** Whether nothing would change. */
    public boolean isEmpty() {
        return slowModeMs.isEmpty() && locked.isEmpty();
    }
}
