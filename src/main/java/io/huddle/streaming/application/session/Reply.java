package io.huddle.streaming.application.session;

import io.huddle.streaming.protocol.ErrorCode;

import java.util.Objects;
import java.util.Optional;

/**
 * The one answer a command gets: its frame as JSON text ({@code ack}, {@code error} or {@code pong}) and,
 * for an {@code error}, its code (transports that speak HTTP map it to a status).
 *
 * @param json       the frame
 * @param error      the error code if the frame is an {@code error}
 * @param afterReply what the transport runs once the reply is on its way (e.g. releasing live frames held
 *                   back during a replay, which must follow the {@code ack})
 */
public record Reply(String json, Optional<ErrorCode> error, Runnable afterReply) {

    private static final Runnable NOTHING = () -> { };

    public Reply {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(afterReply, "afterReply");
    }

    /** A successful reply with nothing to do after it. */
    public static Reply ok(String json) {
        return new Reply(json, Optional.empty(), NOTHING);
    }

    /** An {@code error} reply. */
    public static Reply failed(String json, ErrorCode code) {
        return new Reply(json, Optional.of(code), NOTHING);
    }
}
