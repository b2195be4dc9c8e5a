package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rooms over real WebSockets: join, publish, replay, edit/delete, history, who, and membership changes taking
 * effect on live connections.
 */
class WebSocketRoomsIT extends WireTest {

    Api api;
    String alice;
    String bob;
    String room;

    @BeforeEach
    void roomOwnedByAlice() {
        api = new Api(base);
        alice = Api.user("alice");
        bob = Api.user("bob");
        room = Api.roomId("ws");
        api.createRoom(alice, room, "");
    }

    @Test
    void publishReachesEveryConnectionOfEveryMemberIncludingTheSender() {
        try (WsClient aliceTab1 = open(alice); WsClient aliceTab2 = open(alice); WsClient bobWs = open(bob)) {
            JsonObject joined = bobWs.command(join(room));
            assertEquals("ack", joined.getString("type"), joined::toString);
            assertEquals("member", joined.getString("role"));
            assertEquals(0, joined.getJsonNumber("seq").longValue());

            JsonObject ack = aliceTab1.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"text\":\"hi\"},\"event\":\"chat\"}");
            assertEquals("ack", ack.getString("type"), ack::toString);
            assertEquals(1, ack.getJsonNumber("seq").longValue());

            for (WsClient client : List.of(aliceTab1, aliceTab2, bobWs)) {
                JsonObject message = client.next("message");
                assertEquals(room, message.getString("room"));
                assertEquals(ack.getString("id"), message.getString("id"));
                assertEquals(1, message.getJsonNumber("seq").longValue());
                assertEquals(alice, message.getString("user"));
                assertEquals("hi", message.getJsonObject("data").getString("text"));
                assertEquals("chat", message.getString("event"));
                assertFalse(message.getString("ts").isEmpty());
            }
        }
    }

    @Test
    void connectionsOpenedAndClosedWhileARoomIsBusyGetExactlyTheMessagesSentWhileTheyAreOpen() {
        try (WsClient bobWs = open(bob)) {
            bobWs.command(join(room));
            try (WsClient aliceTab1 = open(alice)) {
                publish(aliceTab1, "first");
                assertEquals(1, bobWs.next("message").getJsonNumber("seq").longValue());
                try (WsClient aliceTab2 = open(alice)) {
                    publish(aliceTab1, "second");
                    assertEquals(2, aliceTab2.next("message").getJsonNumber("seq").longValue());
                    aliceTab1.close();
                    publish(aliceTab2, "third");
                    assertEquals(3, aliceTab2.next("message").getJsonNumber("seq").longValue());
                }
            }
            for (long seq = 2; seq <= 3; seq++) {
                assertEquals(seq, bobWs.next("message").getJsonNumber("seq").longValue());
            }
            try (WsClient carol = open(Api.user("carol"))) {
                carol.command(join(room));
                publish(bobWs, "fourth");
                assertEquals(4, carol.next("message").getJsonNumber("seq").longValue());
            }
        }
    }

    /** Bob joins over a connection that then closes; alice publishes {@code missed} messages; returns bob's seq. */
    private long bobJoinsDisconnectsAndMisses(int missed) {
        long seen;
        try (WsClient bobWs = open(bob)) {
            seen = bobWs.command(join(room)).getJsonNumber("seq").longValue();
        }
        for (int i = 1; i <= missed; i++) {
            assertEquals(201, api.post(alice, "rooms/" + room + "/messages", "{\"data\":" + i + "}").status());
        }
        return seen;
    }

    private void publish(WsClient client, String text) {
        JsonObject ack = client.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"" + text + "\"}");
        assertEquals("ack", ack.getString("type"), ack::toString);
    }

    @Test
    void forgedUserFieldInAFrameIsIgnored() {
        try (WsClient aliceWs = open(alice)) {
            aliceWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"user\":\"mallory\",\"data\":\"x\"}");
            assertEquals(alice, aliceWs.next("message").getString("user"));
        }
    }

    @Test
    void messagesArriveInSeqOrderWithoutGaps() {
        try (WsClient aliceWs = open(alice); WsClient bobWs = open(bob)) {
            bobWs.command(join(room));
            for (int i = 0; i < 15; i++) {
                aliceWs.sendText("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":" + i + "}");
            }
            for (long seq = 1; seq <= 15; seq++) {
                assertEquals(seq, bobWs.next("message").getJsonNumber("seq").longValue());
            }
        }
    }

    @Test
    void messageArrivingLiveBeforeTheResumingJoinDoesNotHideTheMissedOnes() {
        long seen = bobJoinsDisconnectsAndMisses(2);
        try (WsClient bobWs = open(bob)) {
            // Membership outlives the connection: the new connection receives the room's next message at once.
            assertEquals(201, api.post(alice, "rooms/" + room + "/messages", "{\"data\":3}").status());
            assertEquals(3, bobWs.next("message").getJsonNumber("seq").longValue());

            JsonObject ack = bobWs.command("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":" + seen + "}");
            assertTrue(ack.getBoolean("recovered"), ack::toString);
            List<Long> replayed = bobWs.drain().stream().filter(f -> f.getString("type").equals("message"))
                    .map(f -> f.getJsonNumber("seq").longValue()).toList();
            assertEquals(List.of(1L, 2L), replayed);
        }
    }

    @Test
    void reconnectingWithSinceReplaysWhatWasMissedThenContinues() {
        long seen = bobJoinsDisconnectsAndMisses(3);
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            bobWs.sendText("{\"type\":\"join\",\"ref\":\"j\",\"room\":\"" + room + "\",\"since\":" + seen + "}");
            for (int i = 1; i <= 3; i++) {
                JsonObject replayed = bobWs.nextIgnoringPresence();
                assertEquals("message", replayed.getString("type"), replayed::toString);
                assertEquals(seen + i, replayed.getJsonNumber("seq").longValue());
            }
            JsonObject ack = bobWs.nextIgnoringPresence();
            assertEquals("ack", ack.getString("type"));
            assertTrue(ack.getBoolean("recovered"));
            assertEquals(seen + 3, ack.getJsonNumber("seq").longValue());

            aliceWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":4}");
            assertEquals(ack.getJsonNumber("seq").longValue() + 1, bobWs.next("message").getJsonNumber("seq").longValue());
        }
    }

    @Test
    void gapBeyondTheReplayLimitIsNotRecovered() {
        api.post(bob, "rooms/" + room + "/members", "{}");
        for (int i = 0; i < 12; i++) {
            api.post(alice, "rooms/" + room + "/messages", "{\"data\":" + i + "}");
        }
        try (WsClient bobWs = open(bob)) {
            JsonObject ack = bobWs.command("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":0}");
            assertFalse(ack.getBoolean("recovered"));
            assertTrue(bobWs.drain().stream().noneMatch(f -> f.getString("type").equals("message")),
                    "nothing is replayed when the gap cannot be closed");
            JsonObject recent = bobWs.command("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":8}");
            assertTrue(recent.getBoolean("recovered"));
        }
    }

    @Test
    void repeatedIdempotencyKeyIsAckedWithTheOriginalAndDeliveredOnce() {
        try (WsClient aliceWs = open(alice)) {
            String publish = "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"once\",\"key\":\"k1\"}";
            JsonObject first = aliceWs.command(publish);
            JsonObject second = aliceWs.command(publish);
            assertEquals(first.getString("id"), second.getString("id"));
            assertEquals(first.getJsonNumber("seq"), second.getJsonNumber("seq"));
            List<JsonObject> frames = aliceWs.drain();
            assertEquals(1, frames.stream().filter(f -> f.getString("type").equals("message")).count(), frames::toString);
        }
    }

    @Test
    void onlyTheAuthorOrAModeratorEditsAndDeletes() {
        try (WsClient aliceWs = open(alice); WsClient bobWs = open(bob)) {
            bobWs.command(join(room));
            String id = bobWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"tpyo\"}").getString("id");

            JsonObject edited = bobWs.command("{\"type\":\"edit\",\"room\":\"" + room + "\",\"id\":\"" + id + "\",\"data\":\"typo\"}");
            assertEquals("ack", edited.getString("type"), edited::toString);
            JsonObject editFrame = aliceWs.next("edited");
            assertEquals("typo", editFrame.getString("data"));
            assertEquals(bob, editFrame.getString("user"));

            String aliceMessage = aliceWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"mine\"}").getString("id");
            JsonObject refused = bobWs.command("{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"" + aliceMessage + "\"}");
            assertEquals("forbidden", refused.getString("code"));

            assertEquals("ack", aliceWs.command("{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"" + id + "\"}").getString("type"));
            JsonObject deleted = bobWs.next("deleted");
            assertEquals(id, deleted.getString("id"));
            assertEquals(alice, deleted.getString("user"));
        }
    }

    @Test
    void historyCommandPagesOldestFirst() {
        for (int i = 1; i <= 5; i++) {
            api.post(alice, "rooms/" + room + "/messages", "{\"data\":{\"n\":" + i + ",\"text\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"}}");
        }
        try (WsClient aliceWs = open(alice)) {
            JsonObject page = aliceWs.command("{\"type\":\"history\",\"room\":\"" + room + "\",\"limit\":2}");
            assertEquals(List.of(4L, 5L), page.getJsonArray("messages").stream()
                    .map(v -> v.asJsonObject().getJsonNumber("seq").longValue()).toList());
            assertTrue(page.getBoolean("more"));
            JsonObject older = aliceWs.command("{\"type\":\"history\",\"room\":\"" + room + "\",\"before\":4,\"limit\":2}");
            assertEquals(List.of(2L, 3L), older.getJsonArray("messages").stream()
                    .map(v -> v.asJsonObject().getJsonNumber("seq").longValue()).toList());
            JsonObject search = aliceWs.command("{\"type\":\"history\",\"room\":\"" + room + "\",\"query\":\"even\"}");
            assertEquals(2, search.getJsonArray("messages").size());
        }
    }

    @Test
    void whoListsMembersWithRolesAndPresence() {
        try (WsClient aliceWs = open(alice)) {
            api.post(bob, "rooms/" + room + "/members", "{}");
            JsonObject who = aliceWs.command("{\"type\":\"who\",\"room\":\"" + room + "\"}");
            List<JsonObject> members = who.getJsonArray("members").stream().map(v -> v.asJsonObject()).toList();
            assertEquals(alice, members.get(0).getString("user"));
            assertEquals("owner", members.get(0).getString("role"));
            assertEquals("online", members.get(0).getString("status"));
            assertEquals("offline", members.get(1).getString("status"));
        }
    }

    @Test
    void banEndsDeliveryToTheBannedUserAtOnce() {
        try (WsClient aliceWs = open(alice); WsClient bobWs = open(bob)) {
            bobWs.command(join(room));
            assertEquals("joined", bobWs.next("member").getString("action"));
            assertEquals("joined", aliceWs.next("member").getString("action"));
            assertEquals(201, api.post(alice, "rooms/" + room + "/bans", "{\"user\":\"" + bob + "\",\"reason\":\"spam\"}").status());
            JsonObject banned = bobWs.next("member");
            assertEquals("banned", banned.getString("action"));
            assertEquals(bob, banned.getString("user"));
            assertEquals("spam", banned.getString("reason"));
            assertEquals("banned", aliceWs.next("member").getString("action"));

            aliceWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"after the ban\"}");
            assertTrue(bobWs.drain().stream().noneMatch(f -> f.getString("type").equals("message")));
            assertEquals("banned", bobWs.command(join(room)).getString("code"));
        }
    }

    @Test
    void membersSeeJoinsAndLeaves() {
        try (WsClient aliceWs = open(alice); WsClient bobWs = open(bob)) {
            bobWs.command(join(room));
            JsonObject joined = aliceWs.next("member");
            assertEquals("joined", joined.getString("action"));
            assertEquals(bob, joined.getString("user"));
            assertEquals("ack", bobWs.command("{\"type\":\"leave\",\"room\":\"" + room + "\"}").getString("type"));
            assertEquals("left", aliceWs.next("member").getString("action"));
        }
    }

    @Test
    void commandErrorsCarryTheirCodeAndRef() {
        try (WsClient bobWs = open(bob)) {
            assertEquals("forbidden", bobWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":1}").getString("code"));
            assertEquals("not_found", bobWs.command(join(Api.roomId("nowhere"))).getString("code"));
            assertEquals("bad_request", bobWs.command("{\"type\":\"join\"}").getString("code"));
            assertEquals("bad_request", bobWs.command("{\"type\":\"join\",\"room\":\"Bad Room\"}").getString("code"));
            assertEquals("bad_request", bobWs.command("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":\"yesterday\"}").getString("code"));
            bobWs.command(join(room));
            api.post(alice, "rooms/" + room + "/mutes", "{\"user\":\"" + bob + "\"}");
            assertEquals("muted", bobWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":1}").getString("code"));
        }
    }

    @Test
    void fullRoomAnswersRoomFull() {
        String small = Api.roomId("small");
        api.createRoom(alice, small, "\"maxMembers\":1");
        try (WsClient bobWs = open(bob)) {
            assertEquals("room_full", bobWs.command(join(small)).getString("code"));
        }
    }

    private WsClient open(String user) {
        WsClient client = WsClient.connect(base, user);
        client.next("welcome");
        return client;
    }

    private static String join(String room) {
        return "{\"type\":\"join\",\"room\":\"" + room + "\"}";
    }
}
