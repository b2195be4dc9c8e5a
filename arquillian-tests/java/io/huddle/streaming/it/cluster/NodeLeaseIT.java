package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
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
 * Each node knows the connections users hold on the other nodes, replicated with heartbeats and a lease: the
 * per-user connection limit (5) counts every node, and when a node dies its connections stop counting within one
 * lease (node timeout 15 s), with no request ever waiting for the dead node.
 */
@ExtendWith(TwoNodeCluster.class)
class NodeLeaseIT {

    private static final int LIMIT = 5;
    private static final int REFUSED = 4429;

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();

    @Test
    void theConnectionLimitCountsTheConnectionsOnEveryNode() {
        String alice = Api.user("alice");
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(admitted(cluster.a, alice));
            }
            for (int i = 0; i < 2; i++) {
                open.add(admitted(cluster.b, alice));
            }
            // The sixth is refused on either node once the other node's connections are known there.
            awaitRefused(cluster.a, alice);
            awaitRefused(cluster.b, alice);

            open.remove(0).closeNormally();
            awaitAdmitted(cluster.b, alice, open);
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void theConnectionsOfAKilledNodeStopCountingAndItsUsersGoOfflineOnceWithinOneLease() throws Exception {
        String bob = Api.user("bob");
        String watcher = Api.user("watcher");
        String room = Api.roomId("lease");
        new Api(cluster.a).createRoom(watcher, room, "");
        assertEquals(201, new Api(cluster.a).post(bob, "rooms/" + room + "/members", "{}").status());
        List<WsClient> onB = new ArrayList<>();
        List<WsClient> onA = new ArrayList<>();
        boolean killedB = false;
        try (WsClient watcherOnA = admitted(cluster.a, watcher)) {
            for (int i = 0; i < LIMIT; i++) {
                onB.add(admitted(cluster.b, bob));
            }
            assertEquals("online", PresenceAcrossNodesIT.presenceOf(watcherOnA, bob).getString("status"));
            awaitRefused(cluster.a, bob);

            long killed = System.nanoTime();
            killedB = true;
            cluster.killB();
            // Within one lease (15 s), with a second for the lease check: no presence grace after it.
            JsonObject offline = watcherOnA.next("presence", Duration.ofSeconds(17));
            assertEquals(bob, offline.getString("user"), offline.toString());
            assertEquals("offline", offline.getString("status"), offline.toString());
            Duration announced = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("bob, connected only to node B, was announced offline on node A " + announced.toMillis()
                    + " ms after node B was killed");
            assertTrue(watcherOnA.drain().stream().noneMatch(f -> PresenceAcrossNodesIT.isPresenceOf(f, bob)),
                    "one offline, nothing after it");
            awaitAdmitted(cluster.a, bob, onA);
        } finally {
            onA.forEach(WsClient::close);
            onB.forEach(WsClient::close);
            if (killedB) {
                // Only then: starting a running node fails and would hide why the test failed before the kill.
                cluster.startB();
            }
        }
    }

    private static WsClient admitted(URL node, String user) {
        WsClient client = WsClient.connect(node, user);
        JsonObject first = client.next();
        assertEquals("welcome", first.getString("type"), () -> "a connection within the limit is admitted: " + first);
        return client;
    }

    /** Waits until a new connection of {@code user} to {@code node} is refused with 4429. */
    private static void awaitRefused(URL node, String user) {
        await("a connection over the limit refused by " + node).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> attempt(node, user) == REFUSED);
    }

    /** Waits until a new connection of {@code user} to {@code node} is admitted, and keeps it in {@code open}. */
    private static void awaitAdmitted(URL node, String user, List<WsClient> open) {
        await("a connection admitted by " + node).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    WsClient client = WsClient.connect(node, user);
                    if ("welcome".equals(client.next().getString("type"))) {
                        open.add(client);
                        return true;
                    }
                    client.close();
                    return false;
                });
    }

    /** Opens a connection: 0 if admitted (then closed), else the close code the server sent. */
    private static int attempt(URL node, String user) {
        try (WsClient client = WsClient.connect(node, user)) {
            JsonObject first = client.next();
            if ("welcome".equals(first.getString("type"))) {
                client.closeNormally();
                return 0;
            }
            return client.awaitClose();
        }
    }
}
