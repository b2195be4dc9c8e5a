package io.huddle.streaming.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundCommandTest {

    @Test
    void readsTypeRefAndTypedFields() {
        InboundCommand c = InboundCommand.parse("{\"type\":\"join\",\"ref\":\"7\",\"room\":\"r\",\"since\":12,\"active\":true}");
        assertEquals("join", c.type());
        assertEquals("7", c.ref());
        assertEquals("r", c.fields().requireString("room"));
        assertEquals(12L, c.fields().optionalLong("since", 0, Long.MAX_VALUE).getAsLong());
        assertTrue(c.fields().requireBoolean("active"));
        assertTrue(c.fields().optionalString("invite").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[1]", "42", "\"x\"", "{}", "{\"type\":5}", "{\"type\":\"ping\",\"ref\":1}",
            "{\"type\":\"ping\"", "\u0000\u0001", "{\"type\":\"ping\"}x", "{\"type\":\"ping\"}{}", "{\"type\":\"ping\"} 1"})
    void anythingButAnObjectWithAStringTypeIsBadRequest(String text) {
        HuddleException e = assertThrows(HuddleException.class, () -> InboundCommand.parse(text));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void wrongFieldTypesAreBadRequestNamingTheField() {
        InboundCommand c = InboundCommand.parse("{\"type\":\"join\",\"room\":7,\"since\":1.5,\"active\":\"yes\"}");
        assertTrue(assertThrows(HuddleException.class, () -> c.fields().requireString("room")).getMessage().contains("'room'"));
        assertTrue(assertThrows(HuddleException.class, () -> c.fields().optionalLong("since", 0, 10)).getMessage().contains("'since'"));
        assertTrue(assertThrows(HuddleException.class, () -> c.fields().requireBoolean("active")).getMessage().contains("'active'"));
    }

    @Test
    void hugeNumbersAreOutOfRangeNotAnOverflow() {
        InboundCommand c = InboundCommand.parse("{\"type\":\"history\",\"limit\":123456789012345678901234567890}");
        HuddleException e = assertThrows(HuddleException.class, () -> c.fields().optionalLong("limit", 1, 200));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void frameWithoutTypeStillEchoesItsRef() {
        RejectedFrame e = assertThrows(RejectedFrame.class, () -> InboundCommand.parse("{\"ref\":\"r9\"}"));
        assertEquals("r9", e.ref());
    }

    @Test
    void absentRefIsNull() {
        assertNull(InboundCommand.parse("{\"type\":\"ping\"}").ref());
        assertFalse(InboundCommand.parse("{\"type\":\"ping\",\"x\":null}").fields().optionalString("x").isPresent());
    }
}
