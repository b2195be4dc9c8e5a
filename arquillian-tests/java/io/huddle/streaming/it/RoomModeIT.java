package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.SseClient;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow mode and lock: set live by moderators over WebSocket, SSE and REST, announced with {@code room} frames, and
 * held on every publish path for members below moderator.
 */
class RoomModeIT extends ModeratedRoomTest {

    @Override
    String prefix() {
        return "mode";
    }

    @Test
    void aLockedRoomTakesMessagesOnlyFromModeratorsAndSaysItIsLocked() {
        String earlier = api.post(member, "rooms/" + room + "/messages", "{\"data\":\"before\"}").json().getString("id");
        try (WsClient mod = WsClient.connect(base, moderator); WsClient mem = WsClient.connect(base, member)) {
            mod.next("welcome");
            mem.next("welcome");
            JsonObject locked = mod.command(mode("\"locked\":true"));
            assertEquals("ack", locked.getString("type"), locked::toString);
            assertTrue(locked.getBoolean("locked"));
            JsonObject announced = mem.next("room");
            assertEquals("updated", announced.getString("action"), announced::toString);
            assertTrue(announced.getBoolean("locked"), announced::toString);
            assertEquals(moderator, announced.getString("by"));

            JsonObject refused = mem.command(publish("\"data\":\"let me speak\""));
            assertEquals("forbidden", refused.getString("code", "(none)"), refused::toString);
            assertTrue(refused.getString("message").contains("locked"), refused::toString);
            JsonObject edit = mem.command("{\"type\":\"edit\",\"room\":\"" + room + "\",\"id\":\"" + earlier + "\",\"data\":\"x\"}");
            assertEquals("forbidden", edit.getString("code", "(none)"), edit::toString);
            Reply rest = api.post(member, "rooms/" + room + "/messages", "{\"data\":\"over rest\"}");
            assertEquals(403, rest.status(), rest::toString);
            assertTrue(rest.json().getString("message").contains("locked"), rest::toString);

            assertEquals("ack", mod.command(publish("\"data\":\"moderators still speak\"")).getString("type"));
            assertEquals(201, api.post(owner, "rooms/" + room + "/messages", "{\"data\":\"so do owners\"}").status());

            assertEquals("ack", mod.command(mode("\"locked\":false")).getString("type"));
            JsonObject accepted = mem.command(publish("\"data\":\"unlocked\""));
            assertEquals("ack", accepted.getString("type"), accepted::toString);
        }
    }

    @Test
    void slowModeRefusesAMembersNextMessageWithinTheIntervalAndSaysWhenToRetry() {
        Reply set = api.put(moderator, "rooms/" + room + "/mode", "{\"slowModeMs\":1500}");
        assertEquals(200, set.status(), set::toString);
        assertEquals(1500, set.json().getInt("slowModeMs"));
        assertEquals(1500, api.get(member, "rooms/" + room).json().getInt("slowModeMs"));
        try (WsClient mem = WsClient.connect(base, member); WsClient mod = WsClient.connect(base, moderator)) {
            mem.next("welcome");
            mod.next("welcome");
            JsonObject first = mem.command(publish("\"data\":1,\"key\":\"k1\""));
            assertEquals("ack", first.getString("type"), first::toString);
            JsonObject second = mem.command(publish("\"data\":2"));
            assertEquals("rate_limited", second.getString("code", "(none)"), second::toString);
            assertTrue(second.getString("message").contains("slow mode"), second::toString);
            long retryAfter = second.getJsonNumber("retryAfterMs").longValue();
            assertTrue(retryAfter > 0 && retryAfter <= 1500, second::toString);

            JsonObject repeat = mem.command(publish("\"data\":1,\"key\":\"k1\""));
            assertEquals("ack", repeat.getString("type"), "a repeat of a stored message is answered with it: " + repeat);
            assertEquals(first.getString("id"), repeat.getString("id"));
            Reply rest = api.post(member, "rooms/" + room + "/messages", "{\"data\":3}");
            assertEquals(429, rest.status(), rest::toString);

            for (int i = 0; i < 3; i++) {
                assertEquals("ack", mod.command(publish("\"data\":\"mod " + i + "\"")).getString("type"),
                        "moderators are exempt");
            }
            await("the member's interval to pass").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "ack".equals(mem.command(publish("\"data\":\"later\"")).getString("type")));
            assertEquals(1, history().stream().filter(m -> m.getString("user").equals(member)
                    && m.toString().contains("later")).count());
        }
    }

    @Test
    void slowModeHoldsAcrossConnectionsPublishingAtOnce() {
        assertEquals(200, api.put(moderator, "rooms/" + room + "/mode", "{\"slowModeMs\":60000}").status());
        try (WsClient tab1 = WsClient.connect(base, member); WsClient tab2 = WsClient.connect(base, member)) {
            tab1.next("welcome");
            tab2.next("welcome");
            CompletableFuture<List<JsonObject>> one = CompletableFuture.supplyAsync(() -> tab1.pipeline(burst("a"), "a", 4));
            CompletableFuture<List<JsonObject>> two = CompletableFuture.supplyAsync(() -> tab2.pipeline(burst("b"), "b", 4));
            List<JsonObject> answers = new ArrayList<>(one.join());
            answers.addAll(two.join());
            assertEquals(8, answers.size());
            long acked = answers.stream().filter(a -> "ack".equals(a.getString("type"))).count();
            assertEquals(1, acked, "one message per interval over both connections: " + answers);
            assertTrue(answers.stream().filter(a -> !"ack".equals(a.getString("type")))
                    .allMatch(a -> "rate_limited".equals(a.getString("code")) && a.getString("message").contains("slow mode")),
                    answers::toString);
            assertEquals(1, history().stream().filter(m -> m.getString("user").equals(member)).count());
        }
    }

    @Test
    void onlyModeratorsChangeTheModeAndBadValuesAreRefusedWithoutChangingIt() {
        try (WsClient mem = WsClient.connect(base, member); WsClient mod = WsClient.connect(base, moderator)) {
            mem.next("welcome");
            mod.next("welcome");
            JsonObject byMember = mem.command(mode("\"locked\":true"));
            assertEquals("forbidden", byMember.getString("code", "(none)"), byMember::toString);
            Reply byStranger = api.put(Api.user("stranger"), "rooms/" + room + "/mode", "{\"locked\":true}");
            assertEquals(403, byStranger.status(), byStranger::toString);
            for (String bad : List.of("\"slowModeMs\":-1", "\"slowModeMs\":3600001", "\"slowModeMs\":\"fast\"",
                    "\"slowModeMs\":null", "\"locked\":\"yes\"", "\"other\":1")) {
                JsonObject answer = mod.command(mode(bad));
                assertEquals("bad_request", answer.getString("code", "(none)"), bad + " answered " + answer);
            }
            Reply unknown = api.put(moderator, "rooms/" + Api.roomId("none") + "/mode", "{\"locked\":true}");
            assertEquals(404, unknown.status(), unknown::toString);
        }
        JsonObject unchanged = api.get(owner, "rooms/" + room).json();
        assertEquals(0, unchanged.getInt("slowModeMs"), unchanged::toString);
        assertEquals(false, unchanged.getBoolean("locked"), unchanged::toString);
    }

    @Test
    void aModeratorSetsTheModeOverSse() {
        try (SseClient stream = SseClient.open(base, moderator, "")) {
            String connection = stream.next().data().getString("connection");
            HttpResponse<String> answer = stream.post(connection,
                    "{\"type\":\"room_mode\",\"room\":\"" + room + "\",\"slowModeMs\":5000,\"locked\":true}");
            assertEquals(200, answer.statusCode(), answer.body());
            JsonObject ack = Json.createReader(new StringReader(answer.body())).readObject();
            assertEquals(5000, ack.getInt("slowModeMs"));
            assertTrue(ack.getBoolean("locked"));
        }
        JsonObject now = api.get(member, "rooms/" + room).json();
        assertEquals(5000, now.getInt("slowModeMs"));
        assertTrue(now.getBoolean("locked"));
    }

    private List<String> burst(String refPrefix) {
        return IntStream.range(0, 4).mapToObj(i -> publish("\"ref\":\"" + refPrefix + i + "\",\"data\":" + i)).toList();
    }

    private List<JsonObject> history() {
        return api.get(owner, "rooms/" + room + "/messages?limit=200").json().getJsonArray("messages")
                .getValuesAs(JsonObject.class);
    }

    private String mode(String fields) {
        return "{\"type\":\"room_mode\",\"room\":\"" + room + "\"," + fields + "}";
    }

    private String publish(String fields) {
        return "{\"type\":\"publish\",\"room\":\"" + room + "\"," + fields + "}";
    }
}
