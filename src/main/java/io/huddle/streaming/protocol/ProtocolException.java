package io.huddle.streaming.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A command that cannot be carried out, with the error code and message the client receives. The message is
 * meant for the client: it never carries a stack trace or internal detail.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Long retryAfterMs;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterMs = retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<Long> retryAfterMs() {
        return Optional.ofNullable(retryAfterMs);
    }
}
