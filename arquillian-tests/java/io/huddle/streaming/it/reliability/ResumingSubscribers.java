package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.SseClient;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two subscribers of the same rooms, one over WebSocket and one over SSE, that live through a server's death: each
 * records the seqs it received before, then resumes the way a client does after a reconnect (WebSocket: {@code join}
 * with {@code since}; SSE: {@code Last-Event-ID}) and must end up with every message of each room exactly once.
 */
final class ResumingSubscribers implements AutoCloseable {

    private final URL base;
    private final String user;
    private final List<String> rooms;
    private WsClient ws;
    private SseClient sse;
    /** room to every seq received, in order of arrival, duplicates kept: per transport. */
    private final Map<String, List<Long>> overWs = new HashMap<>();
    private final Map<String, List<Long>> overSse = new HashMap<>();
    private String lastEventId;

    /** Connects both subscribers as {@code user}, a member of {@code rooms}, and joins them to every room. */
    ResumingSubscribers(URL base, String user, List<String> rooms) {
        this.base = base;
        this.user = user;
        this.rooms = rooms;
        rooms.forEach(room -> {
            overWs.put(room, new ArrayList<>());
            overSse.put(room, new ArrayList<>());
        });
        ws = WsClient.connect(base, user);
        ws.next("welcome");
        for (String room : rooms) {
            JsonObject ack = ws.command("{\"type\":\"join\",\"room\":\"" + room + "\"}");
            assertEquals("ack", ack.getString("type"), ack::toString);
        }
        sse = SseClient.open(base, user, "rooms=" + String.join(",", rooms));
        assertEquals("welcome", sse.next().name());
    }

    /** Records what both received until the server died; the sockets are dead by now. */
    void serverDied() {
        takeWs();
        takeSse();
        ws.close();
        sse.close();
    }

    /**
     * Reconnects both to the restarted server, resumes, and checks that each received every seq of each room's
     * {@code history} (room to its seqs) exactly once, in order. Returns how many messages were replayed in all.
     */
    int resumeAndCheck(Map<String, List<Long>> history) {
        int replayed = 0;
        ws = WsClient.connect(base, user);
        ws.next("welcome");
        for (String room : rooms) {
            List<Long> got = overWs.get(room);
            long since = got.isEmpty() ? 0 : got.get(got.size() - 1);
            int before = got.size();
            JsonObject ack = ws.command("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":" + since + "}");
            assertTrue(ack.getBoolean("recovered"), ack::toString);
            takeWs();
            replayed += got.size() - before;
        }
        int beforeSse = overSse.values().stream().mapToInt(List::size).sum();
        sse = SseClient.open(base, user, lastEventId == null ? ""
                : "lastEventId=" + URLEncoder.encode(lastEventId, StandardCharsets.UTF_8));
        await("the SSE stream to replay every room").atMost(Duration.ofSeconds(60)).until(() -> {
            takeSse();
            return rooms.stream().allMatch(room -> overSse.get(room).size() >= history.get(room).size());
        });
        replayed += overSse.values().stream().mapToInt(List::size).sum() - beforeSse;
        for (String room : rooms) {
            assertEquals(history.get(room), overWs.get(room), "WebSocket: room " + room + " after join with since");
            assertEquals(history.get(room), overSse.get(room), "SSE: room " + room + " after Last-Event-ID");
        }
        return replayed;
    }

    private void takeWs() {
        for (JsonObject frame : ws.takeAll()) {
            if ("message".equals(frame.getString("type", null))) {
                overWs.get(frame.getString("room")).add(frame.getJsonNumber("seq").longValue());
            }
        }
    }

    private void takeSse() {
        for (SseClient.Event event : sse.takeAll()) {
            if ("message".equals(event.name())) {
                overSse.get(event.data().getString("room")).add(event.data().getJsonNumber("seq").longValue());
                if (event.id() != null) {
                    lastEventId = event.id();
                }
            }
        }
    }

    /** Each room's seqs in order, as a check's expectation from history (room to seq to id). */
    static Map<String, List<Long>> seqs(Map<String, Map<Long, String>> history) {
        Map<String, List<Long>> seqs = new HashMap<>();
        history.forEach((room, messages) -> seqs.put(room, new ArrayList<>(new TreeMap<>(messages).keySet())));
        return seqs;
    }

    @Override
    public void close() {
        ws.close();
        sse.close();
    }
}
