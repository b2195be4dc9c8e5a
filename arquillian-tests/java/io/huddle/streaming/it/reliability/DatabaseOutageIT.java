package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Health;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped for {@value #OUTAGE_SECONDS} s while three publishers publish: every publish is answered at
 * once with {@code unavailable} and a {@code retryAfterMs} (never {@code internal}, never a hang), connections stay
 * open, typing and presence keep working, readiness reports the database down; once the database is back, publishes
 * are acknowledged again without a restart and every acknowledged message is in history. Needs PostgreSQL (runs
 * with {@code -Preliability -Ppostgresql}); the commands that stop and start it are {@code -Dhuddle.pg.stop} and
 * {@code -Dhuddle.pg.start} (by default Debian's {@code pg_ctlcluster}).
 */
@EnabledIfSystemProperty(named = "huddle.db.kind", matches = "postgresql")
class DatabaseOutageIT extends CrashServerTest {

    private static final int OUTAGE_SECONDS = 20;
    private static final int PUBLISHERS = 3;
    /** The longest an answer may take while the database is down: failing fast, not waiting for a pool timeout. */
    private static final long FAST_MS = 3_000;
    private static final String CLUSTER = "$(ls /etc/postgresql | head -n 1) main";

    /** One publish's answer: its code ({@code ack} for success), when it was answered and how long it took. */
    private record Outcome(String publisher, String code, long retryAfterMs, long answeredAt, long millis, String id) {
    }

    @Override
    void beforeStart() throws Exception {
        startDatabase();
    }

    @AfterEach
    void restoreDatabase() throws Exception {
        startDatabase();
    }

    /** Starts PostgreSQL if it is stopped (a run that failed mid-outage leaves it so). */
    private static void startDatabase() throws Exception {
        database(System.getProperty("huddle.pg.start",
                "pg_ctlcluster --skip-systemctl-redirect " + CLUSTER + " start || true"));
    }

    @Test
    void whileTheDatabaseIsDownPublishesFailFastAndConnectionsTypingAndPresenceKeepWorking() throws Exception {
        Api api = new Api(base);
        String ann = Api.user("ann");
        String bob = Api.user("bob");
        String carl = Api.user("carl");
        String room = Api.roomId("outage");
        api.createRoom(ann, room, "");
        List<String> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            publishers.add(Api.user("pub" + p));
        }
        for (String member : concat(List.of(bob, carl), publishers)) {
            assertEquals(201, api.post(member, "rooms/" + room + "/members", "{}").status());
        }

        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
        try (WsClient annWs = WsClient.connect(base, ann); WsClient bobWs = WsClient.connect(base, bob)) {
            annWs.next("welcome");
            bobWs.next("welcome");
            join(annWs, room);
            join(bobWs, room);
            List<Future<List<Boolean>>> running = new ArrayList<>();
            for (String publisher : publishers) {
                running.add(threads.submit(() -> publish(publisher, room, publishing, outcomes)));
            }
            await("publishing in full flow").atMost(Duration.ofSeconds(60))
                    .until(() -> outcomes.stream().filter(o -> o.code().equals("ack")).count() >= 100);

            database(System.getProperty("huddle.pg.stop",
                    "pg_ctlcluster --skip-systemctl-redirect " + CLUSTER + " stop -m fast"));
            long down = System.currentTimeMillis();
            await("a publish answered unavailable").atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream()
                    .anyMatch(o -> o.answeredAt() > down && o.code().equals("unavailable")));
            await("readiness to report the database down").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Health ready = Health.ready(base);
                assertEquals(503, ready.status(), ready::toString);
                assertEquals("DOWN", ready.statusOf("database"), ready::toString);
            });

            JsonObject typing = annWs.command("{\"type\":\"typing\",\"room\":\"" + room + "\",\"active\":true}");
            assertEquals("ack", typing.getString("type"), typing::toString);
            assertEquals(ann, bobWs.next("typing").getString("user"), "typing reaches the room while the database is down");
            try (WsClient carlWs = WsClient.connect(base, carl)) {
                assertEquals(carl, carlWs.next("welcome").getString("user"), "a new connection is admitted");
                await("carl's presence to reach bob").atMost(Duration.ofSeconds(20)).until(() -> {
                    JsonObject presence = bobWs.next("presence");
                    return carl.equals(presence.getString("user")) && "online".equals(presence.getString("status"));
                });
            }

            // The database stays down for the whole outage, publishers publishing all along, before it comes back.
            await("the outage lasted " + OUTAGE_SECONDS + " s").atMost(Duration.ofSeconds(OUTAGE_SECONDS + 10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> System.currentTimeMillis() - down >= OUTAGE_SECONDS * 1000L);
            database(System.getProperty("huddle.pg.start",
                    "pg_ctlcluster --skip-systemctl-redirect " + CLUSTER + " start"));
            long up = System.currentTimeMillis();
            await("publishes acknowledged again without a restart").atMost(Duration.ofSeconds(60)).until(() ->
                    outcomes.stream().anyMatch(o -> o.answeredAt() > up && o.code().equals("ack")));
            long firstAckAfter = outcomes.stream().filter(o -> o.answeredAt() > up && o.code().equals("ack"))
                    .mapToLong(Outcome::answeredAt).min().orElseThrow() - up;
            await("readiness up again").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(200, Health.ready(base).status()));
            publishing.set(false);
            for (Future<List<Boolean>> publisher : running) {
                assertFalse(publisher.get(60, TimeUnit.SECONDS).contains(true), "a publisher's connection closed");
            }
            assertFalse(annWs.isClosed() || bobWs.isClosed(), "connections stay open through the outage");

            Map<String, Long> codes = outcomes.stream().collect(Collectors.groupingBy(Outcome::code, Collectors.counting()));
            assertEquals(List.of("ack", "unavailable"), codes.keySet().stream().sorted().toList(),
                    "publishes are acknowledged or answered unavailable, nothing else: " + codes);
            List<Outcome> failed = outcomes.stream().filter(o -> o.code().equals("unavailable")).toList();
            assertTrue(failed.stream().allMatch(o -> o.retryAfterMs() > 0), "unavailable carries retryAfterMs");
            long[] millis = failed.stream().mapToLong(Outcome::millis).sorted().toArray();
            long p99 = millis[(int) Math.min(millis.length - 1, Math.ceil(millis.length * 0.99) - 1)];
            long max = millis[millis.length - 1];
            assertTrue(max <= FAST_MS, "a publish took " + max + " ms to be refused while the database was down");

            List<String> acked = outcomes.stream().filter(o -> o.code().equals("ack")).map(Outcome::id).toList();
            List<String> history = history(api, ann, room);
            List<String> missing = acked.stream().filter(id -> !history.contains(id)).toList();
            assertTrue(missing.isEmpty(), missing.size() + " acknowledged messages are not in history: " + missing);
            System.out.printf("[reliability] database outage of %d s under %d publishers: %d publishes answered"
                            + " unavailable (p99 %d ms, max %d ms), %d acknowledged in all and all in history;"
                            + " connections, typing and presence kept working; first ack %d ms after the database"
                            + " was back%n", OUTAGE_SECONDS, PUBLISHERS, failed.size(), p99, max, acked.size(),
                    firstAckAfter);
        } finally {
            publishing.set(false);
            threads.shutdownNow();
        }
    }

    /** Publishes one message after the other until told to stop; returns whether its connection closed on the way. */
    private List<Boolean> publish(String user, String room, AtomicBoolean publishing, Queue<Outcome> outcomes) {
        try (WsClient ws = WsClient.connect(base, user)) {
            ws.next("welcome");
            int n = 0;
            while (publishing.get() && !ws.isClosed()) {
                long started = System.nanoTime();
                JsonObject answer = ws.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"n\":" + n++
                        + "},\"key\":\"" + user + "-" + n + "\"}");
                long millis = (System.nanoTime() - started) / 1_000_000;
                boolean ack = "ack".equals(answer.getString("type"));
                outcomes.add(new Outcome(user, ack ? "ack" : answer.getString("code"),
                        answer.containsKey("retryAfterMs") ? answer.getJsonNumber("retryAfterMs").longValue() : 0,
                        System.currentTimeMillis(), millis, ack ? answer.getString("id") : null));
            }
            return List.of(ws.isClosed());
        }
    }

    private static void join(WsClient ws, String room) {
        JsonObject joined = ws.command("{\"type\":\"join\",\"room\":\"" + room + "\"}");
        assertEquals("ack", joined.getString("type"), joined::toString);
    }

    private static void database(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("'" + command + "' failed");
        }
    }

    private static List<String> history(Api api, String user, String room) {
        List<String> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            Api.Reply page = api.get(user, "rooms/" + room + "/messages?after=" + after + "&limit=200");
            assertEquals(200, page.status(), page::toString);
            for (var m : page.json().getJsonArray("messages")) {
                after = m.asJsonObject().getJsonNumber("seq").longValue();
                ids.add(m.asJsonObject().getString("id"));
            }
            if (!page.json().getBoolean("more")) {
                return ids;
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
