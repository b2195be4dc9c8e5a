package io.huddle.streaming.transport.rest;

import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;

import java.util.Optional;

/**
 * Query parameters parsed with a {@code bad_request} that names the parameter (JAX-RS would answer a malformed
 * number with 404). Stateless.
 */
final class Params {

    private Params() {
    }

    static Optional<Long> optionalLong(String name, String value, long min, long max) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HuddleException(ErrorCode.BAD_REQUEST,
                "query parameter '" + name + "' must be a whole number between " + min + " and " + max);
    }

    static int intOr(String name, String value, int min, int max, int fallback) {
        return optionalLong(name, value, min, max).map(Long::intValue).orElse(fallback);
    }
}
