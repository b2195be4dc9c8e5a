package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of one room's rules share: before each test a fresh room (its id starting with {@link #prefix()})
 * with a fresh owner, moderator and member, and the REST client.
 */
abstract class ModeratedRoomTest extends WireTest {

    Api api;
    String owner;
    String moderator;
    String member;
    String room;

    /** The start of each test room's id, naming the test class in the server's logs. */
    abstract String prefix();

    @BeforeEach
    void roomWithModeratorAndMember() {
        api = new Api(base);
        Api.ModeratedRoom moderated = api.moderatedRoom(prefix());
        room = moderated.room();
        owner = moderated.owner();
        moderator = moderated.moderator();
        member = moderated.member();
    }
}
