package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.RawWsClient;
import io.huddle.streaming.it.support.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connection churn does not leak: {@value #WORKERS} clients at a time connect, join a room, publish, leave and
 * close (half with a close handshake, half by dropping the socket), as {@value #USERS} distinct users, for
 * {@code -Dhuddle.soak.minutes} minutes (10 in CI). Before and after, once the server is idle again (no
 * connection, no one online, no active room), its heap after a full GC, its thread count and its open file
 * descriptors are read; after the churn all three must come back to within 5% of what they were after a
 * one-minute warm-up with other users. Runs only when the duration is given (the CI runs it once).
 */
@EnabledIfSystemProperty(named = "huddle.soak.minutes", matches = "[1-9][0-9]*")
class ChurnSoakIT extends CrashServerTest {

    private static final int WORKERS = 20;
    private static final int USERS = 5_000;
    private static final int ROOMS = 50;
    private static final Duration WARM_UP = Duration.ofMinutes(1);
    private static final double TOLERANCE = 0.05;
    /** Where the server's class histograms go (what holds its heap), for a failure to be explained. */
    private static final Path HISTOGRAMS = Path.of("target", "failsafe-reports");

    @Override
    Map<String, String> variables() {
        // What the server keeps for a user who left (presence, rate buckets) expires within the test.
        return Map.of("streaming.presence.timeout", "20s", "streaming.presence.cleanup-interval", "10s");
    }

    @Test
    void heapThreadsAndFileDescriptorsReturnToTheirBaselineAfterTenMinutesOfChurn() throws Exception {
        Api api = new Api(base);
        String owner = Api.user("owner");
        List<String> rooms = api.createRooms(owner, "churn", ROOMS);
        Churn warmUp = churn(rooms, Api.users("warm", 500), WARM_UP);
        Footprint baseline = idleFootprint();
        Footprint.histogram(server.jvm().pid(), HISTOGRAMS.resolve("churn-soak-baseline-histogram.txt"));
        System.out.println("[reliability] churn soak baseline after a " + WARM_UP.toMinutes() + " min warm-up ("
                + warmUp + "): " + baseline);

        Duration soak = Duration.ofMinutes(Integer.getInteger("huddle.soak.minutes"));
        Churn churned = churn(rooms, Api.users("soak", USERS), soak);
        Footprint[] after = new Footprint[1];
        try {
            // Threads the container started for the load end after their keep-alive: read until all are back.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(10))
                    .until(() -> (after[0] = idleFootprint()).within(baseline, TOLERANCE));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("after " + churned + " the server's footprint is " + after[0]
                    + ", more than 5% above its baseline " + baseline + " (its class histograms, before and after: "
                    + HISTOGRAMS + ")", e);
        } finally {
            Footprint.histogram(server.jvm().pid(), HISTOGRAMS.resolve("churn-soak-after-histogram.txt"));
        }
        System.out.printf("[reliability] churn soak: %s in %d min by %d distinct users; idle after: %s against %s%n",
                churned, soak.toMinutes(), USERS, after[0], baseline);
    }

    /** What a churn did: sessions completed, and how long one took on average. */
    private record Churn(int sessions, long averageMillis) {
        @Override
        public String toString() {
            return sessions + " sessions (connect, join, publish, leave, close; " + averageMillis + " ms each)";
        }
    }

    /** {@link #WORKERS} clients run sessions back to back for {@code duration}, the users taken in turn. */
    private Churn churn(List<String> rooms, List<String> users, Duration duration) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong busy = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                counts.add(workers.submit(() -> {
                    int sessions = 0;
                    while (System.nanoTime() < end) {
                        int n = next.getAndIncrement();
                        long started = System.nanoTime();
                        session(users.get(n % users.size()), rooms.get(n % rooms.size()), n);
                        busy.addAndGet(System.nanoTime() - started);
                        sessions++;
                    }
                    return sessions;
                }));
            }
            int sessions = 0;
            for (Future<Integer> count : counts) {
                sessions += count.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            }
            return new Churn(sessions, busy.get() / Math.max(1, sessions) / 1_000_000);
        } finally {
            workers.shutdownNow();
        }
    }

    /** One user's session; every command must be acknowledged. */
    private void session(String user, String room, int n) throws IOException {
        try (RawWsClient ws = RawWsClient.connect(base, user, 64 * 1024)) {
            command(ws, "{\"type\":\"join\",\"ref\":\"j\",\"room\":\"" + room + "\"}", "j");
            command(ws, "{\"type\":\"publish\",\"ref\":\"p\",\"room\":\"" + room + "\",\"data\":{\"n\":" + n + "}}", "p");
            command(ws, "{\"type\":\"leave\",\"ref\":\"l\",\"room\":\"" + room + "\"}", "l");
            if (n % 2 == 0) {
                ws.sendClose(1000);
                assertEquals(1000, ws.readUntilClose(10_000), user + "'s close handshake");
            }
        }
    }

    /** Sends {@code json} and reads until its ack arrives (answering pings, skipping other frames). */
    private static void command(RawWsClient ws, String json, String ref) throws IOException {
        ws.sendText(json.getBytes(StandardCharsets.UTF_8));
        String answer = "\"ref\":\"" + ref + "\"";
        while (true) {
            RawWsClient.Frame frame = ws.readFrame(10_000);
            if (frame.opcode() == 9) {
                ws.sendPong(frame.payload());
            } else if (frame.opcode() == 8) {
                throw new AssertionError("closed while waiting for " + ref + ": " + frame.describeClose());
            } else if (frame.opcode() == 1 && frame.text().contains(answer)) {
                if (!frame.text().startsWith("{\"type\":\"ack\"")) {
                    throw new AssertionError(json + " was answered " + frame.text());
                }
                return;
            }
        }
    }

    /** Waits until the server is idle, runs a full GC in it, and reads its heap, threads and descriptors. */
    private Footprint idleFootprint() throws Exception {
        await("the server to be idle: no connection, no one online, no active room").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    Scrape scrape = Scrape.of(base);
                    return scrape.value("huddle_connections") == 0 && scrape.value("huddle_users_online") == 0
                            && scrape.value("huddle_rooms_active") == 0;
                });
        return Footprint.of(server.jvm().pid());
    }
}
