package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.RawWsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the server keeps in memory is bounded by what is live: after 20,000 distinct users came, did something
 * and left, every count of {@code GET /api/v1/node} returns to where it was. (The test server forgets gone users
 * 1 s of grace plus 10 s after they leave and sweeps every second.)
 */
class MemoryBoundsIT extends WireTest {

    private static final String ADMIN = "it-admin";
    private static final int USERS = 20_000;

    @Test
    void whatTheServerKeepsComesBackAfterTwentyThousandUsersCameAndWent() throws Exception {
        Api api = new Api(base);
        JsonObject before = node(api);
        String run = UUID.randomUUID().toString().substring(0, 6);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(clients.submit(() -> {
                for (int n = next.getAndIncrement(); n < USERS && failure.get() == null; n = next.getAndIncrement()) {
                    try {
                        visit(api, "churn-" + run + "-" + n, n);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();
        if (failure.get() != null) {
            throw new AssertionError("a visiting user failed", failure.get());
        }
        JsonObject busiest = node(api);
        await("the server to forget the users who left").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonObject now = node(api);
                    for (String count : List.of("connections", "presenceUsers", "announcedUsers", "rateLimitedUsers",
                            "rooms", "orderKeys")) {
                        assertEquals(before.getInt(count), now.getInt(count), count + " is back where it was (before "
                                + before + ", right after the visits " + busiest + ", now " + now + ")");
                    }
                });
    }

    /**
     * One user's visit: connect, ask for something (a typing frame for a room that does not exist), and leave;
     * every 500th user also creates a room and publishes in it.
     */
    private void visit(Api api, String user, int n) throws IOException {
        String room = null;
        if (n % 500 == 0) {
            room = Api.roomId("churn");
            api.createRoom(user, room, "");
        }
        try (RawWsClient ws = RawWsClient.connect(base, user, 64 * 1024)) {
            awaitText(ws, "\"welcome\"");
            ws.sendText(("{\"type\":\"typing\",\"ref\":\"t\",\"room\":\"nowhere-" + n + "\",\"active\":true}")
                    .getBytes(StandardCharsets.UTF_8));
            awaitText(ws, "\"ref\":\"t\"");
            if (room != null) {
                ws.sendText(("{\"type\":\"publish\",\"ref\":\"p\",\"room\":\"" + room + "\",\"data\":" + n + "}")
                        .getBytes(StandardCharsets.UTF_8));
                awaitText(ws, "\"ref\":\"p\"");
            }
        }
    }

    private static void awaitText(RawWsClient ws, String part) throws IOException {
        while (true) {
            RawWsClient.Frame frame = ws.readFrame(20_000);
            if (frame.opcode() == 1 && frame.text().contains(part)) {
                return;
            }
        }
    }

    private static JsonObject node(Api api) {
        Api.Reply reply = api.get(ADMIN, "node");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }
}
