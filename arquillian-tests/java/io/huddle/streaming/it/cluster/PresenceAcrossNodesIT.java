package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presence is one across the cluster: each node holds what the others know of a user, replicated, and tells its own
 * connections. A user with tabs on two nodes is announced online once and offline only when the last tab anywhere
 * has closed (after the grace, 2 s on the cluster's nodes); {@code who} on one node shows a member connected only
 * to the other.
 */
@ExtendWith(TwoNodeCluster.class)
class PresenceAcrossNodesIT {

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();
    private final Api api = new Api(cluster.a);
    private String room;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void roomOfThree() {
        alice = Api.user("alice");
        bob = Api.user("bob");
        carol = Api.user("carol");
        room = Api.roomId("presence");
        api.createRoom(alice, room, "");
        assertEquals(201, api.post(bob, "rooms/" + room + "/members", "{}").status());
        assertEquals(201, api.post(carol, "rooms/" + room + "/members", "{}").status());
    }

    @Test
    void aUserWithTabsOnBothNodesIsAnnouncedOnceAndOfflineOnlyWhenTheLastTabCloses() {
        try (WsClient bobOnA = open(cluster.a, bob); WsClient carolOnA = open(cluster.a, carol)) {
            WsClient aliceOnA = open(cluster.a, alice);
            assertEquals("online", presenceOf(bobOnA, alice).getString("status"));
            try (WsClient aliceOnB = open(cluster.b, alice)) {
                assertEquals(1000, aliceOnA.closeNormally());
                // carol's offline comes a grace after her close, later than any announcement due to alice's.
                List<JsonObject> before = untilOfflineOf(bobOnA, carolOnA, carol);
                assertTrue(before.stream().noneMatch(f -> isPresenceOf(f, alice)),
                        "a second tab on node B is no news, and closing the tab on node A while it stays open is none: " + before);
            }
            JsonObject offline = presenceOf(bobOnA, alice);
            assertEquals("offline", offline.getString("status"), "the last tab closed, on node B: " + offline);
        }
    }

    @Test
    void whoOnNodeAShowsAMemberConnectedOnlyToNodeB() {
        try (WsClient bobOnA = open(cluster.a, bob); WsClient aliceOnB = open(cluster.b, alice)) {
            assertEquals("online", presenceOf(bobOnA, alice).getString("status"));
            JsonObject who = bobOnA.command("{\"type\":\"who\",\"room\":\"" + room + "\"}");
            assertEquals("online", statusIn(who, alice), who.toString());
            JsonObject busy = aliceOnB.command("{\"type\":\"presence\",\"status\":\"busy\",\"text\":\"on node B\"}");
            assertEquals("ack", busy.getString("type"), busy.toString());
            JsonObject seen = presenceOf(bobOnA, alice);
            assertEquals("busy", seen.getString("status"));
            assertEquals("on node B", seen.getString("text"));
            assertEquals("busy", statusIn(bobOnA.command("{\"type\":\"who\",\"room\":\"" + room + "\"}"), alice));
        }
    }

    static WsClient open(URL node, String user) {
        WsClient client = WsClient.connect(node, user);
        client.next("welcome");
        return client;
    }

    static JsonObject presenceOf(WsClient client, String user) {
        while (true) {
            JsonObject frame = client.next("presence");
            if (user.equals(frame.getString("user"))) {
                return frame;
            }
        }
    }

    static boolean isPresenceOf(JsonObject frame, String user) {
        return "presence".equals(frame.getString("type", null)) && user.equals(frame.getString("user", null));
    }

    /** Closes {@code controlWs} (the only connection of {@code control}) and returns what {@code watcher} gets before its offline. */
    static List<JsonObject> untilOfflineOf(WsClient watcher, WsClient controlWs, String control) {
        assertEquals(1000, controlWs.closeNormally());
        List<JsonObject> before = new ArrayList<>();
        while (true) {
            JsonObject frame = watcher.next();
            if (isPresenceOf(frame, control) && "offline".equals(frame.getString("status"))) {
                return before;
            }
            before.add(frame);
        }
    }

    static String statusIn(JsonObject whoAck, String user) {
        return whoAck.getJsonArray("members").stream().map(v -> v.asJsonObject())
                .filter(m -> m.getString("user").equals(user)).findFirst().orElseThrow().getString("status");
    }
}
