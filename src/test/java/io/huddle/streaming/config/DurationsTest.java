package io.huddle.streaming.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @Test
    void acceptsNumbersWithUnits() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(30), Durations.parse("30d"));
    }

    @Test
    void acceptsIso8601() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("PT30S"));
        assertEquals(Duration.ofDays(2), Durations.parse("p2d"));
    }

    @Test
    void rejectsAnythingElseNamingTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertTrue(e.getMessage().contains("'soon'"), e.getMessage());
        assertTrue(e.getMessage().contains("30s"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("10 parsecs"));
    }
}
