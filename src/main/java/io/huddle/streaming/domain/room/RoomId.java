package io.huddle.streaming.domain.room;

import io.huddle.streaming.domain.InvalidIdentifierException;

import java.util.regex.Pattern;

/**
 * A room's identifier: a slug {@code [a-z0-9][a-z0-9_-]{0,63}}, chosen at creation or generated.
 * Immutable and thread-safe.
 *
 * @param value the slug, never {@code null}
 */
public record RoomId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * @throws InvalidIdentifierException if {@code value} is null or not a valid slug
     */
    public RoomId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidIdentifierException("room", value,
                    "a room id is 1-64 characters from a-z 0-9 _ -, starting with a letter or digit");
        }
    }

    /** Parses {@code value}; same contract as the constructor. */
    public static RoomId of(String value) {
        return new RoomId(value);
    }

    /** Whether {@code value} would be accepted by {@link #of(String)}. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
