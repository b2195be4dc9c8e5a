package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the REST API shows to whom: private rooms to their members, member lists to members, presence to users
 * who share a room; administrators see everything.
 */
class PrivacyIT extends WireTest {

    /** An administrator of the test server (streaming.auth.admin-users). */
    private static final String ADMIN = "it-admin";

    Api api;
    String owner;
    String member;
    String stranger;
    String prefix;
    String publicRoom;
    String privateRoom;

    @BeforeEach
    void aPublicAndAPrivateRoom() {
        api = new Api(base);
        owner = Api.user("owner");
        member = Api.user("member");
        stranger = Api.user("stranger");
        prefix = Api.roomId("privacy");
        publicRoom = prefix + "-a";
        privateRoom = prefix + "-b";
        api.createRoom(owner, publicRoom, "");
        api.createRoom(owner, privateRoom, "\"private\":true,\"metadata\":{\"topic\":\"secret plans\"}");
        assertEquals(201, api.post(owner, "rooms/" + privateRoom + "/members", "{\"user\":\"" + member + "\"}").status());
        assertEquals(201, api.post(member, "rooms/" + publicRoom + "/members", "{}").status());
    }

    @Test
    void roomListShowsPrivateRoomsOnlyToTheirMembersAndAdministrators() {
        assertFalse(listed(stranger).contains(privateRoom), "a stranger does not see the private room");
        assertTrue(listed(stranger).contains(publicRoom));
        assertTrue(listed(member).contains(privateRoom), "a member sees it");
        assertTrue(listed(ADMIN).contains(privateRoom), "an administrator sees it");
    }

    @Test
    void privateRoomIsReadOnlyByItsMembersAndAdministrators() {
        Reply refused = api.get(stranger, "rooms/" + privateRoom);
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("forbidden", refused.code());
        assertFalse(refused.toString().contains("secret plans"), refused::toString);
        assertEquals(200, api.get(member, "rooms/" + privateRoom).status());
        assertEquals(200, api.get(ADMIN, "rooms/" + privateRoom).status());
        assertEquals(200, api.get(stranger, "rooms/" + publicRoom).status(), "a public room is for anyone to read");
    }

    @Test
    void membersAndOnlineUsersAreShownToMembersAndAdministratorsOnly() {
        for (String room : List.of(publicRoom, privateRoom)) {
            for (String what : List.of("members", "online")) {
                Reply refused = api.get(stranger, "rooms/" + room + "/" + what);
                assertEquals(403, refused.status(), room + "/" + what + ": " + refused);
                assertEquals("forbidden", refused.code());
                assertEquals(200, api.get(member, "rooms/" + room + "/" + what).status(), room + "/" + what);
                assertEquals(200, api.get(ADMIN, "rooms/" + room + "/" + what).status(), room + "/" + what);
            }
        }
    }

    @Test
    void presenceIsShownOnlyToUsersWhoShareARoom() {
        try (WsClient online = WsClient.connect(base, member)) {
            online.next("welcome");
            online.command("{\"type\":\"presence\",\"status\":\"busy\",\"text\":\"in a meeting\"}");

            JsonObject seenByStranger = presence(stranger, member);
            assertEquals("offline", seenByStranger.getString("status"), seenByStranger::toString);
            assertFalse(seenByStranger.containsKey("text"), seenByStranger::toString);
            assertFalse(seenByStranger.containsKey("lastSeen"), seenByStranger::toString);
            assertFalse(onlineUsers(stranger).contains(member), "a stranger does not see who is online");

            assertEquals("busy", presence(owner, member).getString("status"), "a co-member sees the status");
            assertTrue(onlineUsers(owner).contains(member));
            assertEquals("busy", presence(ADMIN, member).getString("status"), "an administrator sees everyone");
            assertTrue(onlineUsers(ADMIN).contains(member));
            assertEquals("busy", presence(member, member).getString("status"), "a user sees themselves");
        }
    }

    private List<String> listed(String user) {
        Reply reply = api.get(user, "rooms?limit=2&after=" + prefix);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("rooms").stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    private JsonObject presence(String viewer, String user) {
        Reply reply = api.get(viewer, "presence?users=" + user);
        assertEquals(200, reply.status(), reply::toString);
        return reply.array().getJsonObject(0);
    }

    private List<String> onlineUsers(String viewer) {
        Reply reply = api.get(viewer, "presence/online");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("users").stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList();
    }
}
