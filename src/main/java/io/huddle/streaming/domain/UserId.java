package io.huddle.streaming.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's identifier: 1 to 64 characters from {@code [A-Za-z0-9._@-]}. Immutable and thread-safe.
 *
 * @param value the identifier, never {@code null}
 */
public record UserId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /**
     * @throws InvalidIdentifierException if {@code value} is null or not a valid user id
     */
    public UserId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidIdentifierException("user", value,
                    "a user id is 1-64 characters from A-Z a-z 0-9 . _ @ -");
        }
    }

    /** Parses {@code value}; same contract as the constructor. */
    public static UserId of(String value) {
        return new UserId(value);
    }

    /** Whether {@code value} would be accepted by {@link #of(String)}. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return Objects.toString(value);
    }
}
