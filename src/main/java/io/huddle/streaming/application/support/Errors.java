package io.huddle.streaming.application.support;

import io.huddle.streaming.domain.InvalidIdentifierException;
import io.huddle.streaming.domain.room.RoomExistsException;
import io.huddle.streaming.domain.room.RoomNotFoundException;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * The one place where failures become wire errors: a {@link HuddleException} stays as it is, a domain
 * exception maps to its error code, a database that cannot be reached is {@code unavailable}, anything else is
 * {@code internal} (and must be logged by the caller,
 * since its message is not shown). Stateless.
 */
public final class Errors {

    /** When a client should try again after {@code unavailable}: about as often as a database comes back. */
    public static final long RETRY_AFTER_UNAVAILABLE_MS = 1_000;

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
            if (t instanceof SQLException sql && isConnectionLoss(sql)) {
                return Optional.of(new HuddleException(ErrorCode.UNAVAILABLE,
                        "the database cannot be reached right now; try again later", RETRY_AFTER_UNAVAILABLE_MS));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code e} says the database cannot be reached: SQLSTATE class 08 (connection exception) or 57P0x
     * (the server shutting down or starting, as PostgreSQL reports it), or the driver's connection exceptions.
     */
    private static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    /** The {@code internal} error shown for an unexpected failure. */
    public static HuddleException internal() {
        return new HuddleException(ErrorCode.INTERNAL, "the server could not complete the request");
    }
}
