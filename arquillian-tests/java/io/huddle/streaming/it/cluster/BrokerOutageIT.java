package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Health;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker is the fast path, the database the truth: while the broker is down, publishes on one node still
 * succeed at once (history is written), and once the broker is back, a member connected to the other node receives
 * every message stored meanwhile, in seq order and each once, without a client doing anything.
 */
@ExtendWith(TwoNodeCluster.class)
class BrokerOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** Publishes acknowledged while the broker is down (within the test cluster's burst of 300). */
    private static final int DURING_OUTAGE = 60;

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();

    @Test
    void messagesStoredWhileTheBrokerIsDownReachTheMemberOnTheOtherNodeOnceItIsBack() throws Exception {
        String room = Api.roomId("outage");
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        new Api(cluster.a).createRoom(alice, room, "");
        try (WsClient onA = WsClient.connect(cluster.a, alice); WsClient onB = WsClient.connect(cluster.b, bob)) {
            assertEquals("ack", onB.command(CrossNodeDeliveryIT.join(room)).getString("type"));
            publish(onA, room, 10);
            assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), CrossNodeDeliveryIT.seqs(onB, room, 10));

            long down = System.nanoTime();
            cluster.broker.kill();
            long slowest = 0;
            int during = DURING_OUTAGE;
            for (int i = 0; i < during; i++) {
                long start = System.nanoTime();
                publish(onA, room, 1);
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertTrue(Duration.ofNanos(slowest).toMillis() < 2_000,
                    "a publish while the broker is down is acknowledged at once, the slowest took " + slowest / 1_000_000 + " ms");
            await("node B's readiness to report the cluster down").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Health ready = Health.ready(cluster.b);
                assertEquals(503, ready.status(), ready::toString);
                assertEquals("DOWN", ready.statusOf("cluster"), ready::toString);
            });
            // The broker stays down for the whole outage before it comes back.
            await("the outage lasted " + OUTAGE).atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> System.nanoTime() - down >= OUTAGE.toNanos());
            cluster.broker.start();
            cluster.awaitSubscribed();
            await("node B ready again").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(200, Health.ready(cluster.b).status()));

            int total = 10 + during;
            assertEquals(LongStream.rangeClosed(11, total).boxed().toList(), CrossNodeDeliveryIT.seqs(onB, room, during),
                    "bob on node B receives every message stored during the outage, in order");
            publish(onA, room, 1);
            assertEquals(List.of((long) total + 1), CrossNodeDeliveryIT.seqs(onB, room, 1),
                    "and live delivery goes on after it");
        }
    }

    private static void publish(WsClient client, String room, int count) {
        for (int i = 0; i < count; i++) {
            JsonObject ack = client.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"n\":" + i + "}}");
            assertEquals("ack", ack.getString("type"), ack.toString());
        }
    }
}
