package io.huddle.streaming.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as the database keeps them: to the microsecond ({@code timestamp(6)}). An entity takes its times through
 * this, so what a client is told at once (a live frame, an ack) is what it later reads back. Stateless.
 */
public final class StoredTime {

    private StoredTime() {
    }

    /** {@code instant} cut to whole microseconds; {@code null} stays {@code null}. */
    public static Instant of(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
