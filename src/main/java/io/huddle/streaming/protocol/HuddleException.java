package io.huddle.streaming.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A request that cannot be carried out, with the wire error code and a message for whoever asked: a client
 * over WebSocket, SSE or REST, or an application bean calling {@code StreamingManager}. The message never
 * carries a stack trace or internal detail. Thrown by every layer that enforces a rule.
 */
public class HuddleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Long retryAfterMs;

    /** A failure with {@code code} and a message saying what was wrong. */
    public HuddleException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public HuddleException(ErrorCode code, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterMs = retryAfterMs;
    }

    /** The wire error code. */
    public ErrorCode code() {
        return code;
    }

    public Optional<Long> retryAfterMs() {
        return Optional.ofNullable(retryAfterMs);
    }
}
