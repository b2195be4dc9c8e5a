package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.SseClient;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection administration and the server's figures over REST, for administrators only: a user's connections with
 * their transport, rooms, channels and client description; closing one connection; the stats moving with traffic.
 */
class ConnectionAdminIT extends WireTest {

    private static final String ADMIN = "it-admin";

    Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void anAdministratorListsAUsersConnectionsWithWhatTheyReceive() throws Exception {
        String ann = Api.user("ann");
        String room = Api.roomId("admin");
        api.createRoom(ann, room, "");
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket described = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "ws?user=" + ann + "&client=demo%2F1.2"),
                        new WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                frames.add(data.toString());
                                ws.request(1);
                                return null;
                            }
                        }).get(20, TimeUnit.SECONDS);
        try (SseClient stream = SseClient.open(base, ann, "channels=it.open.admin")) {
            assertTrue(frames.poll(20, TimeUnit.SECONDS).contains("welcome"));
            stream.next();
            List<JsonObject> listed = connectionsOf(ann);
            assertEquals(2, listed.size(), listed::toString);
            assertEquals(List.of("websocket", "sse"), listed.stream().map(c -> c.getString("transport")).toList(),
                    "the oldest first");
            JsonObject ws = listed.get(0);
            assertEquals("demo/1.2", ws.getString("client"), ws::toString);
            assertEquals(List.of(room), strings(ws, "rooms"));
            assertEquals(List.of("it.open.admin"), strings(listed.get(1), "channels"));
            assertEquals(ann, ws.getString("user"));
            assertTrue(!ws.getString("node").isEmpty() && !ws.getString("openedAt").isEmpty(), ws::toString);
        } finally {
            described.abort();
        }
        assertEquals(403, api.get(ann, "connections").status(), "administrators only");
        assertEquals(403, api.get(ann, "stats").status());
    }

    @Test
    void anAdministratorClosesOneConnectionAndLeavesTheOthersOpen() {
        String bob = Api.user("bob");
        try (WsClient first = WsClient.connect(base, bob); WsClient second = WsClient.connect(base, bob)) {
            String id = first.next("welcome").getString("connection");
            second.next("welcome");
            Reply closed = api.delete(ADMIN, "connections/" + id + "?reason=tidy");
            assertEquals(204, closed.status(), closed::toString);
            JsonObject notice = first.next("system");
            assertEquals("kicked", notice.getString("event"));
            assertEquals("tidy", notice.getString("reason"));
            assertEquals(4409, first.awaitClose());
            second.drain();
            assertTrue(!second.isClosed(), "the user's other connection stays open");
            await("the closed connection to leave the list").atMost(Duration.ofSeconds(10))
                    .until(() -> connectionsOf(bob).size() == 1);
            assertEquals(204, api.delete(ADMIN, "connections/no-such-connection").status(), "already gone is not an error");
            assertEquals(403, api.delete(bob, "connections/" + id).status());
        }
    }

    @Test
    void theStatsCountConnectionsAndMoveWithTraffic() {
        String carl = Api.user("carl");
        String room = Api.roomId("stats");
        api.createRoom(carl, room, "");
        JsonObject before = api.get(ADMIN, "stats").json();
        try (WsClient ws = WsClient.connect(base, carl)) {
            ws.next("welcome");
            JsonObject during = api.get(ADMIN, "stats").json();
            assertTrue(during.getJsonObject("connections").getInt("websocket") >= 1, during::toString);
            await("the user to show online").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get(ADMIN, "stats").json().getInt("usersOnline") >= 1);
            assertTrue(during.getJsonNumber("rooms").longValue() >= 1, during::toString);
            for (int i = 0; i < 3; i++) {
                assertEquals("ack", ws.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":" + i + "}")
                        .getString("type"));
            }
            JsonObject after = api.get(ADMIN, "stats").json();
            assertTrue(after.getJsonNumber("messagesIn").longValue() >= before.getJsonNumber("messagesIn").longValue() + 3,
                    () -> before + " then " + after);
            assertTrue(after.getJsonNumber("framesOut").longValue() >= before.getJsonNumber("framesOut").longValue() + 3,
                    () -> before + " then " + after);
            assertTrue(after.getJsonNumber("uptimeSeconds").longValue() >= 0);
            await("a sampled rate above zero").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        ws.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"more\"}");
                        return api.get(ADMIN, "stats").json().getJsonNumber("messagesInPerSecond").doubleValue() > 0;
                    });
        }
    }

    private List<JsonObject> connectionsOf(String user) {
        Reply reply = api.get(ADMIN, "connections?of=" + user);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("connections").getValuesAs(JsonObject.class);
    }

    private static List<String> strings(JsonObject o, String field) {
        return o.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
