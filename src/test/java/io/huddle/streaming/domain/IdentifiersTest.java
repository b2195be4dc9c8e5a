package io.huddle.streaming.domain;

import io.huddle.streaming.domain.room.RoomId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "general", "room-1", "0_team", "a123456789012345678901234567890123456789012345678901234567890123"})
    void roomSlugsAreAccepted(String slug) {
        assertEquals(slug, RoomId.of(slug).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-lead", "_lead", "Upper", "has space", "emoji\uD83D\uDE00",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void invalidRoomIdsAreRejectedNamingTheField(String slug) {
        InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class, () -> RoomId.of(slug));
        assertEquals("room", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Bob.Smith", "a@b.c", "x_y-z", "1"})
    void userIdsAreAccepted(String id) {
        assertEquals(id, UserId.of(id).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "semi;colon", "slash/", "0123456789012345678901234567890123456789012345678901234567890123x"})
    void invalidUserIdsAreRejected(String id) {
        assertThrows(InvalidIdentifierException.class, () -> UserId.of(id));
    }
}
