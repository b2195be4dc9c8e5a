package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's publish rate is one budget for the whole cluster: publishing through connections on both nodes at once
 * gets about what one node would allow (the cluster's nodes: 50 messages/s, bursts of 300), not twice that. The
 * nodes tell each other what was spent every 100 ms, so the total may exceed the budget by what two nodes let
 * through in that time.
 */
@ExtendWith(TwoNodeCluster.class)
class ClusterRateLimitIT {

    private static final int RATE = 50;
    private static final int BURST = 300;
    private static final int ATTEMPTS = 700;

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();

    @Test
    void publishingThroughBothNodesAtOnceSpendsOneBudget() {
        String alice = Api.user("alice");
        String room = Api.roomId("rate");
        new Api(cluster.a).createRoom(alice, room, "");
        try (WsClient onA = WsClient.connect(cluster.a, alice); WsClient onB = WsClient.connect(cluster.b, alice)) {
            onA.next("welcome");
            onB.next("welcome");
            long start = System.nanoTime();
            CompletableFuture<List<JsonObject>> fromA = CompletableFuture.supplyAsync(
                    () -> onA.pipeline(CrossNodeDeliveryIT.publishes(room, "a", ATTEMPTS), "a-", 16));
            CompletableFuture<List<JsonObject>> fromB = CompletableFuture.supplyAsync(
                    () -> onB.pipeline(CrossNodeDeliveryIT.publishes(room, "b", ATTEMPTS), "b-", 16));
            List<JsonObject> answers = new java.util.ArrayList<>(fromA.join());
            answers.addAll(fromB.join());
            double seconds = (System.nanoTime() - start) / 1e9;
            long acks = answers.stream().filter(a -> a.getString("type").equals("ack")).count();
            long limited = answers.stream().filter(a -> "rate_limited".equals(a.getString("code", null))).count();
            assertEquals(2L * ATTEMPTS, acks + limited, "every publish is acknowledged or rate_limited");
            double budget = BURST + RATE * seconds;
            // What two nodes may let through before they hear of each other's spending (100 ms), and the commands
            // in flight (16 per connection).
            double slack = 2 * RATE * 0.1 + 2 * 16;
            System.out.printf("publishing through both nodes for %.2f s: %d acknowledged, %d rate_limited"
                    + " (one budget: %.0f)%n", seconds, acks, limited, budget);
            assertTrue(acks <= budget + slack, acks + " acknowledged in " + seconds + " s, one budget is " + budget);
            assertTrue(acks >= BURST, "at least the burst is acknowledged: " + acks);
        }
    }
}
