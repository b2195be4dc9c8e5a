package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Health;
import io.huddle.streaming.it.support.Scrape;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes behind one broker act as one server: a room's members receive every message, whichever node they
 * are connected to and whichever node stored it, in seq order and each once; membership changes, kicks and typing
 * cross nodes too. Over real WebSockets to two Liberty processes, a real Artemis broker and one PostgreSQL database.
 */
@ExtendWith(TwoNodeCluster.class)
class CrossNodeDeliveryIT {

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();
    private final Api apiA = new Api(cluster.a);

    @Test
    void memberOnNodeBReceivesTheMessagePublishedOnNodeA() {
        String room = Api.roomId("cross");
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        apiA.createRoom(alice, room, "");
        Scrape before = Scrape.of(cluster.b);
        try (WsClient onA = WsClient.connect(cluster.a, alice); WsClient onB = WsClient.connect(cluster.b, bob)) {
            assertEquals("ack", onB.command(join(room)).getString("type"));
            JsonObject ack = onA.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"text\":\"hello from A\"}}");
            assertEquals("ack", ack.getString("type"), ack.toString());
            JsonObject message = onB.next("message");
            assertEquals(room, message.getString("room"));
            assertEquals(ack.getJsonNumber("seq").longValue(), message.getJsonNumber("seq").longValue());
            assertEquals(ack.getString("id"), message.getString("id"));
            assertEquals("hello from A", message.getJsonObject("data").getString("text"));
        }
        Scrape after = Scrape.of(cluster.b);
        assertTrue(after.value("huddle_cluster_hop_seconds_count") > before.value("huddle_cluster_hop_seconds_count"),
                "node B timed the hop of what it received: " + after);
        assertTrue(after.value("huddle_cluster_received") > before.value("huddle_cluster_received"), after::toString);
        Health ready = Health.ready(cluster.b);
        assertEquals(200, ready.status(), ready::toString);
        assertTrue(ready.checks().get("cluster").getJsonObject("data").getBoolean("subscribed"), ready::toString);
    }

    @Test
    void publishersOnBothNodesInterleaveIntoOneRoomAndEveryMemberReceivesEverySeqOnceInOrder() {
        int perPublisher = 300;
        String room = Api.roomId("interleave");
        String alice = Api.user("alice");
        String carol = Api.user("carol");
        String readerA = Api.user("reader-a");
        String readerB = Api.user("reader-b");
        apiA.createRoom(alice, room, "");
        try (WsClient pubA = WsClient.connect(cluster.a, alice); WsClient pubB = WsClient.connect(cluster.b, carol);
             WsClient onA = WsClient.connect(cluster.a, readerA); WsClient onB = WsClient.connect(cluster.b, readerB)) {
            for (WsClient client : List.of(pubB, onA, onB)) {
                assertEquals("ack", client.command(join(room)).getString("type"));
            }
            CompletableFuture<List<JsonObject>> fromA = CompletableFuture.supplyAsync(() -> pubA.pipeline(publishes(room, "a", perPublisher), "a-", 16));
            CompletableFuture<List<JsonObject>> fromB = CompletableFuture.supplyAsync(() -> pubB.pipeline(publishes(room, "b", perPublisher), "b-", 16));
            for (List<JsonObject> answers : List.of(fromA.join(), fromB.join())) {
                assertEquals(perPublisher, answers.stream().filter(a -> a.getString("type").equals("ack")).count(),
                        () -> "every publish is acknowledged: " + answers.stream().filter(a -> !a.getString("type").equals("ack")).findFirst());
            }
            List<Long> expected = LongStream.rangeClosed(1, 2L * perPublisher).boxed().toList();
            assertEquals(expected, seqs(onA, room, 2 * perPublisher), "the member on node A");
            assertEquals(expected, seqs(onB, room, 2 * perPublisher), "the member on node B");
        }
    }

    @Test
    void aJoinOnNodeBAndAKickOnNodeAReachTheOtherNode() {
        String room = Api.roomId("members");
        String owner = Api.user("owner");
        String bob = Api.user("bob");
        String carol = Api.user("carol");
        apiA.createRoom(owner, room, "");
        try (WsClient ownerOnA = WsClient.connect(cluster.a, owner); WsClient bobOnB = WsClient.connect(cluster.b, bob);
             WsClient carolOnB = WsClient.connect(cluster.b, carol)) {
            assertEquals("ack", ownerOnA.command(join(room)).getString("type"));
            assertEquals("ack", carolOnB.command(join(room)).getString("type"));
            assertEquals("ack", bobOnB.command(join(room)).getString("type"));
            assertEquals(carol, memberFrame(ownerOnA, "joined").getString("user"));
            assertEquals(bob, memberFrame(ownerOnA, "joined").getString("user"));

            assertEquals(204, apiA.post(owner, "rooms/" + room + "/kicks", "{\"user\":\"" + bob + "\"}").status());
            assertEquals(bob, memberFrame(bobOnB, "kicked").getString("user"));
            assertEquals(bob, memberFrame(carolOnB, "kicked").getString("user"));

            // Node B applied the change: the message carol receives there does not reach bob.
            JsonObject ack = ownerOnA.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"after the kick\"}");
            assertEquals(ack.getString("id"), carolOnB.next("message").getString("id"));
            assertEquals(List.of(), bobOnB.drain().stream().filter(f -> f.getString("type").equals("message")).toList());
        }
    }

    @Test
    void typingOnNodeAIsSeenByAMemberOnNodeB() {
        String room = Api.roomId("typing");
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        apiA.createRoom(alice, room, "");
        try (WsClient onA = WsClient.connect(cluster.a, alice); WsClient onB = WsClient.connect(cluster.b, bob)) {
            assertEquals("ack", onB.command(join(room)).getString("type"));
            onA.command(join(room));
            onA.sendText("{\"type\":\"typing\",\"room\":\"" + room + "\",\"active\":true}");
            JsonObject typing = onB.next("typing");
            assertEquals(alice, typing.getString("user"));
            assertEquals(room, typing.getString("room"));
        }
    }

    @Test
    void typingIsThrottledAcrossNodesAndAPublishOnEitherNodeEndsIt() {
        String room = Api.roomId("typing-both");
        String alice = Api.user("alice");
        String carol = Api.user("carol");
        apiA.createRoom(alice, room, "");
        try (WsClient aliceOnA = WsClient.connect(cluster.a, alice); WsClient aliceOnB = WsClient.connect(cluster.b, alice);
             WsClient carolOnB = WsClient.connect(cluster.b, carol)) {
            assertEquals("ack", carolOnB.command(join(room)).getString("type"));
            assertEquals("ack", aliceOnA.command(typing(room, true)).getString("type"));
            JsonObject started = carolOnB.next("typing");
            assertEquals(true, started.getBoolean("active"), started.toString());

            // Within the throttle (1 s), typing through node B is no news: node B knows the indicator node A announced.
            assertEquals("ack", aliceOnB.command(typing(room, true)).getString("type"));
            assertEquals(List.of(), carolOnB.drain().stream().filter(f -> f.getString("type").equals("typing")).toList());

            // Publishing through node B ends the indicator node A announced, at once (not at its 3 s timeout).
            long published = System.nanoTime();
            assertEquals("ack", aliceOnB.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":1}").getString("type"));
            JsonObject ended = carolOnB.next("typing");
            assertEquals(false, ended.getBoolean("active"), ended.toString());
            long millis = (System.nanoTime() - published) / 1_000_000;
            assertTrue(millis < 2_000, "the publish ended the indicator, " + millis + " ms after it");
        }
    }

    @Test
    void anAdministratorOnNodeADisconnectsTheUsersConnectionsOnBothNodes() {
        String mallory = Api.user("mallory");
        try (WsClient onA = WsClient.connect(cluster.a, mallory); WsClient onB = WsClient.connect(cluster.b, mallory)) {
            onA.next("welcome");
            onB.next("welcome");
            assertEquals(204, apiA.post(TwoNodeCluster.ADMIN, "users/" + mallory + "/disconnect", "{\"reason\":\"spam\"}").status());
            for (WsClient client : List.of(onA, onB)) {
                JsonObject system = client.next("system");
                assertEquals("kicked", system.getString("event"), system.toString());
                assertEquals(4409, client.awaitClose());
            }
        }
    }

    static String typing(String room, boolean active) {
        return "{\"type\":\"typing\",\"room\":\"" + room + "\",\"active\":" + active + "}";
    }

    /** The next {@code member} frame with {@code action}, skipping others. */
    static JsonObject memberFrame(WsClient client, String action) {
        while (true) {
            JsonObject frame = client.next("member");
            if (action.equals(frame.getString("action"))) {
                return frame;
            }
        }
    }

    static String join(String room) {
        return "{\"type\":\"join\",\"room\":\"" + room + "\"}";
    }

    static List<String> publishes(String room, String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"type\":\"publish\",\"ref\":\"" + prefix + "-" + i
                + "\",\"room\":\"" + room + "\",\"data\":{\"n\":" + i + "}}").toList();
    }

    /** The seqs of the next {@code count} message frames of {@code room} the client receives. */
    static List<Long> seqs(WsClient client, String room, int count) {
        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            JsonObject frame = client.next("message");
            if (room.equals(frame.getString("room", null))) {
                seqs.add(frame.getJsonNumber("seq").longValue());
            }
        }
        return seqs;
    }
}
