package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct conversations over REST and WebSocket: one room per pair whoever opens it and however often, private to
 * the two, listed with the latest message, and blocking, which refuses opening and writing and tells the blocked
 * user only {@code forbidden}.
 */
class DirectMessagesIT extends WireTest {

    Api api;
    String ann;
    String bob;

    @BeforeEach
    void users() {
        api = new Api(base);
        ann = Api.user("ann");
        bob = Api.user("bob");
    }

    @Test
    void bothUsersGetTheSameRoomWhoeverOpensItAndHowEverOften() {
        Reply opened = open(ann, bob);
        assertEquals(201, opened.status(), opened::toString);
        String room = opened.json().getString("room");
        assertEquals(bob, opened.json().getString("user"));
        Reply again = open(bob, ann);
        assertEquals(200, again.status(), again::toString);
        assertEquals(room, again.json().getString("room"));
        assertEquals(ann, again.json().getString("user"));
        try (WsClient ws = WsClient.connect(base, ann)) {
            ws.next("welcome");
            JsonObject dm = ws.command("{\"type\":\"dm\",\"user\":\"" + bob + "\"}");
            assertEquals(room, dm.getString("room"), dm::toString);
            assertFalse(dm.getBoolean("created"));
        }

        JsonObject details = api.get(ann, "rooms/" + room).json();
        assertTrue(details.getBoolean("private"), details::toString);
        String stranger = Api.user("stranger");
        assertEquals(403, api.get(stranger, "rooms/" + room).status());
        assertEquals(403, api.post(stranger, "rooms/" + room + "/members", "{}").status(), "nobody else joins");
        assertEquals(403, api.post(ann, "rooms/" + room + "/members", "{\"user\":\"" + stranger + "\"}").status(),
                "nobody adds a third user");
        assertEquals(403, api.post(ann, "rooms/" + room + "/invites", "{}").status(), "no invites");

        assertEquals(201, api.post(ann, "rooms/" + room + "/messages", "{\"data\":\"hi bob\"}").status());
        JsonObject conversation = api.get(bob, "users/" + bob + "/dms").json().getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream().filter(c -> room.equals(c.getString("room"))).findFirst()
                .orElseThrow();
        assertEquals(ann, conversation.getString("user"));
        assertEquals("hi bob", conversation.getJsonObject("last").getString("data"), conversation::toString);
        assertEquals(403, api.get(ann, "users/" + bob + "/dms").status(), "only one's own conversations");
    }

    @Test
    void concurrentOpensFromBothSidesMakeOneRoom() {
        List<CompletableFuture<Reply>> opens = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> i % 2 == 0 ? open(ann, bob) : open(bob, ann))).toList();
        List<Reply> replies = opens.stream().map(CompletableFuture::join).toList();
        assertTrue(replies.stream().allMatch(r -> r.status() == 200 || r.status() == 201), replies::toString);
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies::toString);
        assertEquals(1, replies.stream().map(r -> r.json().getString("room")).distinct().count(), replies::toString);
        String room = replies.get(0).json().getString("room");
        assertEquals(2, api.get(ann, "rooms/" + room + "/members").array().size());
    }

    @Test
    void aBlockRefusesOpeningAndWritingAndTheBlockedUserLearnsOnlyForbidden() {
        String room = open(ann, bob).json().getString("room");
        assertEquals(204, api.put(bob, "users/" + bob + "/blocks/" + ann, null).status());
        assertEquals(204, api.put(bob, "users/" + bob + "/blocks/" + ann, null).status(), "blocking twice is harmless");
        try (WsClient annWs = WsClient.connect(base, ann); WsClient bobWs = WsClient.connect(base, bob)) {
            annWs.next("welcome");
            bobWs.next("welcome");
            JsonObject refused = annWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"hello?\"}");
            assertEquals("forbidden", refused.getString("code", "(none)"), refused::toString);
            assertFalse(refused.getString("message").contains("block"), "the blocked user is not told why: " + refused);
            JsonObject reopen = annWs.command("{\"type\":\"dm\",\"user\":\"" + bob + "\"}");
            assertEquals("forbidden", reopen.getString("code", "(none)"), reopen::toString);
            assertFalse(reopen.getString("message").contains("block"), reopen::toString);
            assertEquals("forbidden", bobWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":1}")
                    .getString("code", "(none)"), "a block closes the conversation both ways");
            JsonObject blocks = bobWs.command("{\"type\":\"blocks\"}");
            assertEquals(List.of(ann), blocks.getJsonArray("users").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList());

            assertEquals("ack", bobWs.command("{\"type\":\"unblock\",\"user\":\"" + ann + "\"}").getString("type"));
            JsonObject accepted = annWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"hello!\"}");
            assertEquals("ack", accepted.getString("type"), accepted::toString);
            assertEquals("not_found", bobWs.command("{\"type\":\"unblock\",\"user\":\"" + ann + "\"}").getString("code", "(none)"));
        }
        assertEquals(403, api.put(ann, "users/" + bob + "/blocks/" + ann, null).status(), "only one's own blocks");
    }

    @Test
    void aUserWhoLeftIsBackWhenEitherReopensAndBadRequestsAreRefused() {
        String room = open(ann, bob).json().getString("room");
        assertEquals(204, api.delete(ann, "rooms/" + room + "/members/" + ann).status());
        assertEquals(200, open(bob, ann).status());
        assertEquals(2, api.get(bob, "rooms/" + room + "/members").array().size());

        assertEquals(400, open(ann, ann).status(), "not with oneself");
        assertEquals(400, open(ann, "not valid").status());
        assertEquals(403, api.post(ann, "users/" + bob + "/dms", "{\"user\":\"" + Api.user("c") + "\"}").status());
        Reply reserved = api.post(ann, "rooms", "{\"id\":\"dm-mine\",\"name\":\"Mine\"}");
        assertEquals(400, reserved.status(), reserved::toString);
        Reply named = api.post(ann, "rooms", "{\"name\":\"DM tips\"}");
        assertEquals(201, named.status(), named::toString);
        assertFalse(named.json().getString("id").startsWith("dm-"), named::toString);
    }

    @Test
    void directConversationsDoNotCountAgainstTheRoomsPerUserLimit() {
        for (int i = 0; i < 51; i++) {
            Reply opened = open(ann, Api.user("peer"));
            assertEquals(201, opened.status(), "conversation " + i + ": " + opened);
        }
        assertEquals(201, api.post(ann, "rooms", "{\"name\":\"Still room for rooms\"}").status());
    }

    private Reply open(String user, String other) {
        return api.post(user, "users/" + user + "/dms", "{\"user\":\"" + other + "\"}");
    }
}
