package io.huddle.streaming.domain.message;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageIdsTest {

    @Test
    void idsAreVersion7UuidsOfTheCurrentMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(MessageIds.next());
        long after = System.currentTimeMillis();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "the id carries its creation time: " + millis);
    }

    @Test
    void idsMadeLaterSortAfterEarlierOnesAsText() {
        String first = MessageIds.next();
        long made = System.currentTimeMillis();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.currentTimeMillis() <= made) {
            assertTrue(System.nanoTime() < deadline, "the clock did not move on within 5 s");
            Thread.onSpinWait();
        }
        String second = MessageIds.next();
        assertTrue(first.compareTo(second) < 0, first + " sorts before " + second);
    }

    @Test
    void idsAreDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(ids.add(MessageIds.next()));
        }
    }
}
