package io.huddle.streaming.application.support;

import io.huddle.streaming.domain.InvalidIdentifierException;
import io.huddle.streaming.domain.room.RoomExistsException;
import io.huddle.streaming.domain.room.RoomNotFoundException;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;

import java.util.Optional;

/**
 * The one place where failures become wire errors: a {@link HuddleException} stays as it is, a domain
 * exception maps to its error code, anything else is {@code internal} (and must be logged by the caller,
 * since its message is not shown). Stateless.
 */
public final class Errors {

    private Errors() {
    }

    /** The wire error for {@code failure}, or empty when it is unexpected (an {@code internal} error). */
    public static Optional<HuddleException> known(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HuddleException huddle) {
                return Optional.of(huddle);
            }
            if (t instanceof InvalidIdentifierException invalid) {
                return Optional.of(new HuddleException(ErrorCode.BAD_REQUEST, invalid.getMessage()));
            }
            if (t instanceof RoomNotFoundException missing) {
                return Optional.of(new HuddleException(ErrorCode.NOT_FOUND, missing.getMessage()));
            }
            if (t instanceof RoomExistsException exists) {
                return Optional.of(new HuddleException(ErrorCode.CONFLICT, exists.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** The {@code internal} error shown for an unexpected failure. */
    public static HuddleException internal() {
        return new HuddleException(ErrorCode.INTERNAL, "the server could not complete the request");
    }
}
