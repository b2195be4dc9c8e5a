package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Channels across nodes: a message published on one node reaches subscribers on the other; the subscription limit
 * per user (3 on the test cluster) counts the subscriptions on every node; deleting a channel ends its
 * subscriptions on every node.
 */
@ExtendWith(TwoNodeCluster.class)
class ChannelsAcrossNodesIT {

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();
    private final Api api = new Api(cluster.a);

    @Test
    void aChannelMessagePublishedOnNodeAReachesASubscriberOnNodeB() {
        String channel = "demo." + Api.roomId("lobby");
        try (WsClient alice = PresenceAcrossNodesIT.open(cluster.a, Api.user("alice"));
             WsClient bob = PresenceAcrossNodesIT.open(cluster.b, Api.user("bob"))) {
            assertEquals("ack", bob.command(subscribe(channel)).getString("type"));
            JsonObject ack = alice.command("{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":\"to B\"}");
            assertEquals("ack", ack.getString("type"), ack.toString());
            assertEquals("to B", bob.next("message").getString("data"));
        }
    }

    @Test
    void theSubscriptionLimitCountsTheSubscriptionsOnEveryNode() {
        String alice = Api.user("alice");
        try (WsClient onA = PresenceAcrossNodesIT.open(cluster.a, alice);
             WsClient onB = PresenceAcrossNodesIT.open(cluster.b, alice)) {
            for (int i = 0; i < TwoNodeCluster.CHANNELS_PER_USER - 1; i++) {
                assertEquals("ack", onA.command(subscribe("demo." + Api.roomId("a" + i))).getString("type"));
            }
            assertEquals("ack", onB.command(subscribe("demo." + Api.roomId("b"))).getString("type"));
            // One more is refused on either node, once the other's subscriptions are known there.
            for (WsClient client : List.of(onA, onB)) {
                await("a subscription over the limit refused").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            String extra = "demo." + Api.roomId("extra");
                            JsonObject answer = client.command(subscribe(extra));
                            if ("ack".equals(answer.getString("type"))) {
                                client.command("{\"type\":\"unsubscribe\",\"channel\":\"" + extra + "\"}");
                                return false;
                            }
                            return "limit_exceeded".equals(answer.getString("code", null));
                        });
            }
        }
    }

    @Test
    void deletingAChannelOnNodeAEndsItsSubscriptionsOnNodeB() {
        String channel = "ch-" + Api.roomId("gone");
        assertEquals(201, api.post(TwoNodeCluster.ADMIN, "channels", "{\"name\":\"" + channel + "\"}").status());
        try (WsClient stale = PresenceAcrossNodesIT.open(cluster.b, Api.user("stale"));
             WsClient fresh = PresenceAcrossNodesIT.open(cluster.b, Api.user("fresh"))) {
            assertEquals("ack", stale.command(subscribe(channel)).getString("type"));
            assertEquals(204, api.delete(TwoNodeCluster.ADMIN, "channels/" + channel).status());
            assertEquals(201, api.post(TwoNodeCluster.ADMIN, "channels", "{\"name\":\"" + channel + "\"}").status());
            await("the deletion reached node B").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        assertEquals("ack", fresh.command(subscribe(channel)).getString("type"));
                        assertEquals(201, api.post(TwoNodeCluster.ADMIN, "channels/" + channel + "/messages",
                                "{\"data\":\"after\"}").status());
                        fresh.next("message");
                        // The fresh subscriber received it: the same delivery reached every subscriber on node B.
                        return stale.drain().stream().noneMatch(f -> "message".equals(f.getString("type")));
                    });
        }
    }

    private static String subscribe(String channel) {
        return "{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}";
    }
}
