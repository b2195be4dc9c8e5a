package io.huddle.streaming.application;

import io.huddle.streaming.protocol.ErrorCode;

import java.util.Objects;
import java.util.Optional;

/**
 * The one answer a command gets: its frame as JSON text ({@code ack}, {@code error} or {@code pong}) and,
 * for an {@code error}, its code (transports that speak HTTP map it to a status).
 *
 * @param json  the frame
 * @param error the error code if the frame is an {@code error}
 */
public record Reply(String json, Optional<ErrorCode> error) {

    public Reply {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(error, "error");
    }
}
