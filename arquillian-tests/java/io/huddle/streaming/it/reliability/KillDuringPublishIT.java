package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.RawWsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An acknowledged message survives the server process being killed: five publishers over WebSocket, each with
 * several publishes in flight to three rooms, until the server's JVM gets SIGKILL; after a restart every seq that
 * was acknowledged is in the room's history, with the id its ack gave, and each room's history is gap-free; a
 * WebSocket and an SSE subscriber that were reading when the server died resume ({@code join} with {@code since},
 * {@code Last-Event-ID}) and end up with every message of each room exactly once, in order. Runs
 * against a server of its own ({@code huddle-crash}, created by {@code mvn verify -Preliability}) on whichever
 * database the build configures (H2 by default, PostgreSQL with {@code -Ppostgresql}).
 */
class KillDuringPublishIT extends CrashServerTest {

    private static final int PUBLISHERS = 5;
    private static final int IN_FLIGHT = 8;
    private static final int ROOMS = 3;
    /** Acks to collect before the kill: publishing is in full flow by then. */
    private static final int ACKS_BEFORE_KILL = 1_500;

    @Test
    void everyAcknowledgedMessageIsInHistoryAfterTheServerIsKilledMidPublish() throws Exception {
        Api api = new Api(base);
        String owner = Api.user("owner");
        List<String> rooms = api.createRooms(owner, "crash", ROOMS);
        List<String> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            String user = Api.user("pub" + p);
            for (String room : rooms) {
                assertEquals(201, api.post(user, "rooms/" + room + "/members", "{}").status());
            }
            publishers.add(user);
        }
        String reader = Api.user("reader");
        for (String room : rooms) {
            assertEquals(201, api.post(reader, "rooms/" + room + "/members", "{}").status());
        }
        ResumingSubscribers subscribers = new ResumingSubscribers(base, reader, rooms);

        Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
        rooms.forEach(room -> acked.put(room, new ConcurrentHashMap<>()));
        AtomicInteger acks = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
        List<Future<?>> running = new ArrayList<>();
        for (String user : publishers) {
            running.add(threads.submit(() -> publishUntilTheConnectionDies(user, rooms, acked, acks)));
        }
        await("publishing to be in full flow").atMost(Duration.ofSeconds(120)).until(() -> acks.get() >= ACKS_BEFORE_KILL);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[reliability] %d acks in %.2f s (%.0f acks/s) from %d publishers, %d in flight each, %d rooms%n",
                acks.get(), seconds, acks.get() / seconds, PUBLISHERS, IN_FLIGHT, ROOMS);
        server.kill();
        for (Future<?> publisher : running) {
            publisher.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        int total = acks.get();
        subscribers.serverDied();

        server.start();
        int checked = 0;
        Map<String, Map<Long, String>> histories = new java.util.HashMap<>();
        for (String room : rooms) {
            Map<Long, String> history = history(api, owner, room);
            histories.put(room, history);
            Map<Long, String> mustHave = acked.get(room);
            List<String> lost = new ArrayList<>();
            mustHave.forEach((seq, id) -> {
                if (!id.equals(history.get(seq))) {
                    lost.add(seq + (history.containsKey(seq) ? " (another message)" : ""));
                }
            });
            assertTrue(lost.isEmpty(), lost.size() + " of " + mustHave.size() + " acknowledged messages of room " + room
                    + " are gone after the kill (" + total + " acks in all): seqs " + new TreeSet<>(lost));
            Set<Long> seqs = new TreeSet<>(history.keySet());
            long expected = 1;
            for (long seq : seqs) {
                assertEquals(expected++, seq, "room " + room + "'s history has a gap");
            }
            checked += mustHave.size();
        }
        assertEquals(total, checked);
        int replayed;
        try (subscribers) {
            replayed = subscribers.resumeAndCheck(ResumingSubscribers.seqs(histories));
        }
        System.out.println("[reliability] " + total + " acknowledged messages, every one in history after kill -9;"
                + " a WebSocket and an SSE subscriber resumed (join with since, Last-Event-ID) and got every message"
                + " of " + ROOMS + " rooms exactly once, " + replayed + " of them replayed after the restart");
    }

    /** Publishes with {@link #IN_FLIGHT} commands in flight, round-robin over the rooms, recording each ack. */
    private Void publishUntilTheConnectionDies(String user, List<String> rooms, Map<String, Map<Long, String>> acked,
                                               AtomicInteger acks) throws IOException {
        try (RawWsClient ws = RawWsClient.connect(base, user, 256 * 1024)) {
            int sent = 0;
            for (; sent < IN_FLIGHT; sent++) {
                publish(ws, rooms.get(sent % rooms.size()), sent);
            }
            while (true) {
                RawWsClient.Frame frame;
                try {
                    frame = ws.readFrame(30_000);
                } catch (IOException e) {
                    return null; // the server died: that is the point
                }
                if (frame.opcode() == 9) {
                    ws.sendPong(frame.payload());
                } else if (frame.opcode() == 8) {
                    return null;
                } else if (frame.opcode() == 1) {
                    JsonObject json = Json.createReader(new StringReader(frame.text())).readObject();
                    if ("ack".equals(json.getString("type", null)) && json.containsKey("seq")) {
                        acked.get(json.getString("room")).put(json.getJsonNumber("seq").longValue(), json.getString("id"));
                        acks.incrementAndGet();
                        try {
                            publish(ws, rooms.get(sent % rooms.size()), sent++);
                        } catch (IOException e) {
                            return null;
                        }
                    } else if ("error".equals(json.getString("type", null))) {
                        throw new AssertionError(user + " was refused a publish: " + json);
                    }
                }
            }
        }
    }

    private static void publish(RawWsClient ws, String room, int n) throws IOException {
        ws.sendText(("{\"type\":\"publish\",\"ref\":\"p" + n + "\",\"room\":\"" + room + "\",\"data\":{\"n\":" + n + "}}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Every message of {@code room}, seq to id, paged forward through the REST API. */
    private static Map<Long, String> history(Api api, String user, String room) {
        Map<Long, String> all = new java.util.HashMap<>();
        long after = 0;
        while (true) {
            Api.Reply page = api.get(user, "rooms/" + room + "/messages?after=" + after + "&limit=200");
            assertEquals(200, page.status(), page::toString);
            var messages = page.json().getJsonArray("messages");
            for (var m : messages) {
                JsonObject message = m.asJsonObject();
                after = message.getJsonNumber("seq").longValue();
                all.put(after, message.getString("id"));
            }
            if (!page.json().getBoolean("more")) {
                return all;
            }
        }
    }
}
