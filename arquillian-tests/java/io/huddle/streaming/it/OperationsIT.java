package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.Health;
import io.huddle.streaming.it.support.Scrape;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What operators' tools see: MicroProfile Health (liveness; readiness with the database, the cluster and
 * draining), draining a node (not ready first, then its connections closed with 1001, new ones refused), the
 * Prometheus metrics moving with the events they count, and one log line per connection opened and closed.
 */
class OperationsIT extends WireTest {

    private static final String ADMIN = "it-admin";
    private static final Path TRACE = Path.of("target", "liberty", "wlp", "usr", "servers", "huddle-it", "logs",
            "trace.log");

    Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void aServingNodeIsLiveAndReadyWithItsDatabaseClusterAndDrainChecksUp() {
        Health live = Health.live(base);
        assertEquals(200, live.status(), live.json()::toString);
        assertEquals("UP", live.statusOf("heartbeats"), live.json()::toString);
        Health ready = Health.ready(base);
        assertEquals(200, ready.status(), ready.json()::toString);
        assertEquals("UP", ready.statusOf("database"), ready.json()::toString);
        assertEquals("UP", ready.statusOf("cluster"), ready.json()::toString);
        assertEquals("UP", ready.statusOf("draining"), ready.json()::toString);
        assertFalse(ready.checks().get("cluster").getJsonObject("data").getBoolean("clustered"));
    }

    @Test
    void aDrainingNodeReportsNotReadyBeforeClosingItsConnectionsAndRefusesNewOnes() throws Exception {
        String ann = Api.user("ann");
        assertEquals(403, api.post(ann, "node/drain", null).status(), "administrators only");
        try (WsClient open = WsClient.connect(base, ann)) {
            open.next("welcome");
            Reply started = api.post(ADMIN, "node/drain?delayMs=4000", null);
            assertEquals(200, started.status(), started::toString);
            assertTrue(started.json().getBoolean("draining"), started::toString);
            try {
                Health ready = Health.ready(base);
                assertEquals(503, ready.status(), ready.json()::toString);
                assertEquals("DOWN", ready.statusOf("draining"), ready.json()::toString);
                assertFalse(open.isClosed(), "readiness goes down before the open connections are closed");
                assertEquals(200, Health.live(base).status(), "a draining node is still live");

                try (WsClient refused = WsClient.connect(base, Api.user("late"))) {
                    assertEquals("draining", refused.next("system").getString("event"));
                    assertEquals(1001, refused.awaitClose());
                }
                assertEquals("draining", open.next("system", Duration.ofSeconds(15)).getString("event"));
                assertEquals(1001, open.awaitClose());
            } finally {
                Reply stopped = api.delete(ADMIN, "node/drain");
                assertEquals(200, stopped.status(), stopped::toString);
                assertFalse(stopped.json().getBoolean("draining"));
            }
        }
        assertEquals(200, Health.ready(base).status(), "ready again once draining stopped");
        try (WsClient again = WsClient.connect(base, ann)) {
            again.next("welcome");
        }
    }

    @Test
    void theMetricsMoveWithConnectionsPublishesAndErrors() {
        String ann = Api.user("ann");
        String room = Api.roomId("metrics");
        api.createRoom(ann, room, "");
        Scrape before = Scrape.of(base);
        assertTrue(before.has("huddle_messages_stored_total"), before::toString);
        try (WsClient ws = WsClient.connect(base, ann)) {
            ws.next("welcome");
            assertEquals("ack", ws.command("{\"type\":\"join\",\"room\":\"" + room + "\"}")
                    .getString("type"));
            assertEquals("ack", ws.command("{\"type\":\"publish\",\"room\":\"" + room
                    + "\",\"data\":{\"text\":\"hi\"}}").getString("type"));
            ws.next("message");
            JsonObject tooLarge = ws.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"text\":\""
                    + "x".repeat(70_000) + "\"}}");
            assertEquals("too_large", tooLarge.getString("code"), tooLarge::toString);

            Scrape during = Scrape.of(base);
            assertTrue(during.value("huddle_connections", "transport", "websocket") >= 1, during::toString);
            assertTrue(during.value("huddle_users_connected") >= 1, during::toString);
            assertTrue(during.value("huddle_rooms_active") >= 1, during::toString);
            assertMoved(before, during, "huddle_connections_opened_total", "transport", "websocket");
            assertMoved(before, during, "huddle_messages_stored_total");
            assertMoved(before, during, "huddle_frames_delivered_total");
            assertMoved(before, during, "huddle_history_write_seconds_count");
            assertMoved(before, during, "huddle_fanout_seconds_count");
            assertMoved(before, during, "huddle_errors_total", "path", "websocket", "code", "too_large");
            assertEquals(1000, ws.closeNormally());
        }
        assertEquals(403, api.get(ann, "node").status());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape after = Scrape.of(base);
            assertMoved(before, after, "huddle_connections_closed_total", "transport", "websocket", "code", "1000");
            assertMoved(before, after, "huddle_errors_total", "path", "rest", "code", "forbidden");
        });
    }

    private static void assertMoved(Scrape before, Scrape after, String name, String... labels) {
        assertTrue(after.value(name, labels) >= before.value(name, labels) + 1,
                () -> name + " " + List.of(labels) + " did not move: " + before.value(name, labels) + " then "
                        + after.value(name, labels));
    }

    @Test
    void eachConnectionIsLoggedOnceWhenItOpensAndOnceWhenItClosesWithItsCode() {
        String bea = Api.user("bea");
        String id;
        try (WsClient ws = WsClient.connect(base, bea)) {
            id = ws.next("welcome").getString("connection");
            assertEquals(1000, ws.closeNormally());
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> lines = Files.readAllLines(TRACE, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("id=" + id + " ")).toList();
            assertEquals(2, lines.size(), lines::toString);
            assertTrue(lines.get(0).contains("connection opened id=" + id + " user=\"" + bea + "\" transport=websocket"),
                    lines::toString);
            assertTrue(lines.get(1).contains("connection closed id=" + id + " user=\"" + bea + "\" transport=websocket"),
                    lines::toString);
            assertTrue(lines.get(1).contains(" code=1000 "), lines::toString);
            assertTrue(lines.get(1).matches(".* durationMs=\\d+ .*"), lines::toString);
        });
    }
}
