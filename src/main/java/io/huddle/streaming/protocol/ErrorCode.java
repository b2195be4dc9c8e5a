package io.huddle.streaming.protocol;

import java.util.Locale;

/**
 * The error codes of the wire contract, each with the HTTP status the REST API and the SSE command endpoint
 * answer it with.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    BANNED(403),
    MUTED(403),
    ROOM_FULL(409),
    LIMIT_EXCEEDED(409),
    RATE_LIMITED(429),
    TOO_LARGE(413),
    FEATURE_DISABLED(403),
    CONFLICT(409),
    /** A service the command needs (the database) cannot be reached now; {@code retryAfterMs} says when to retry. */
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The code as it appears on the wire, e.g. {@code bad_request}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
