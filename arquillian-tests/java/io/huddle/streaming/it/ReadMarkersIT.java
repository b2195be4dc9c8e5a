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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read markers, unread counts and mentions over WebSocket, SSE and REST: a second tab learns a marker at once,
 * markers never move back, mentions are counted apart, and newcomers start with nothing unread.
 */
class ReadMarkersIT extends ModeratedRoomTest {


    @Override
    String prefix() {
        return "read";
    }

    @Test
    void markingReadInOneTabClearsTheCountAndTellsTheOtherTabAtOnce() {
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = post(owner, "{\"data\":\"news " + i + "\"}");
        }
        try (WsClient tab1 = WsClient.connect(base, member); WsClient tab2 = WsClient.connect(base, member)) {
            tab1.next("welcome");
            tab2.next("welcome");
            JsonObject before = unreadOf(tab1.command("{\"type\":\"unread\"}"), room);
            assertEquals(3, before.getInt("unread"), before::toString);
            assertEquals(0, before.getInt("mentions"));
            assertEquals(last, before.getJsonNumber("lastSeq").longValue());

            JsonObject ack = tab1.command(read(last));
            assertEquals("ack", ack.getString("type"), ack::toString);
            assertEquals(last, ack.getJsonNumber("seq").longValue());
            JsonObject told = tab2.next("read");
            assertEquals(room, told.getString("room"));
            assertEquals(last, told.getJsonNumber("seq").longValue());
            assertEquals(0, unreadOverRest(member).getInt("unread"));

            assertEquals(last, tab1.command(read(last)).getJsonNumber("seq").longValue());
            assertTrue(tab2.drain().stream().noneMatch(f -> "read".equals(f.getString("type"))),
                    "a marker that did not move announces nothing");
        }
    }

    @Test
    void mentionsAreCountedApartFromTheOtherUnreadMessages() {
        long first = post(owner, "{\"data\":{\"text\":\"hello @" + member + ", look\"}}");
        post(owner, "{\"data\":\"plain\"}");
        post(moderator, "{\"data\":\"see this\",\"mentions\":[\"" + member + "\"]}");
        post(owner, "{\"data\":\"mail@" + member + " is an address, @nobody-here is not a member\"}");
        JsonObject counts = unreadOverRest(member);
        assertEquals(4, counts.getInt("unread"), counts::toString);
        assertEquals(2, counts.getInt("mentions"), counts::toString);
        assertEquals(0, unreadOverRest(moderator).getInt("mentions"));

        assertEquals(200, api.put(member, "rooms/" + room + "/read", "{\"seq\":" + first + "}").status());
        JsonObject after = unreadOverRest(member);
        assertEquals(3, after.getInt("unread"), after::toString);
        assertEquals(1, after.getInt("mentions"), after::toString);
    }

    @Test
    void aMarkerNeverMovesBackNorPastTheLatestMessage() {
        long last = post(owner, "{\"data\":1}");
        try (WsClient mem = WsClient.connect(base, member)) {
            mem.next("welcome");
            assertEquals(last, mem.command(read(1_000_000)).getJsonNumber("seq").longValue(), "held at the latest seq");
            assertEquals(last, mem.command(read(0)).getJsonNumber("seq").longValue(), "never moved back");
            for (String bad : List.of("\"seq\":-1", "\"seq\":\"x\"", "\"seq\":1.5", "")) {
                JsonObject answer = mem.command("{\"type\":\"read\",\"room\":\"" + room + "\"" + (bad.isEmpty() ? "" : "," + bad) + "}");
                assertEquals("bad_request", answer.getString("code", "(none)"), bad + " answered " + answer);
            }
            JsonObject unknown = mem.command("{\"type\":\"read\",\"room\":\"" + Api.roomId("none") + "\",\"seq\":1}");
            assertEquals("not_found", unknown.getString("code", "(none)"), unknown::toString);
        }
        Reply stranger = api.put(Api.user("stranger"), "rooms/" + room + "/read", "{\"seq\":1}");
        assertEquals(403, stranger.status(), stranger::toString);
        assertEquals(403, api.get(member, "users/" + owner + "/unread").status(), "only one's own counts");
        assertEquals(200, api.get("it-admin", "users/" + member + "/unread").status(), "administrators see anyone's");
    }

    @Test
    void aNewMemberStartsWithNothingUnread() {
        for (int i = 0; i < 3; i++) {
            post(owner, "{\"data\":" + i + "}");
        }
        String late = Api.user("late");
        assertEquals(201, api.post(late, "rooms/" + room + "/members", "{}").status());
        JsonObject counts = unreadOverRest(late);
        assertEquals(0, counts.getInt("unread"), counts::toString);
        post(owner, "{\"data\":\"after you came\"}");
        assertEquals(1, unreadOverRest(late).getInt("unread"));
    }

    @Test
    void marksRacingFromTwoTabsAndRacingPublishesEndAtTheFurthest() {
        long last = 0;
        for (int i = 0; i < 8; i++) {
            last = post(i % 2 == 0 ? owner : moderator, "{\"data\":" + i + "}");
        }
        long top = last;
        try (WsClient tab1 = WsClient.connect(base, member); WsClient tab2 = WsClient.connect(base, member);
             WsClient publisher = WsClient.connect(base, owner)) {
            tab1.next("welcome");
            tab2.next("welcome");
            publisher.next("welcome");
            List<String> up = IntStream.rangeClosed(1, (int) top).mapToObj(s -> withRef(read(s), "u" + s)).toList();
            List<String> down = IntStream.rangeClosed(1, (int) top).mapToObj(s -> withRef(read(top + 1 - s), "d" + s)).toList();
            List<String> more = IntStream.range(0, 5).mapToObj(i -> withRef(
                    "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"more " + i + "\"}", "p" + i)).toList();
            CompletableFuture<List<JsonObject>> one = CompletableFuture.supplyAsync(() -> tab1.pipeline(up, "u", 4));
            CompletableFuture<List<JsonObject>> two = CompletableFuture.supplyAsync(() -> tab2.pipeline(down, "d", 4));
            CompletableFuture<List<JsonObject>> three = CompletableFuture.supplyAsync(() -> publisher.pipeline(more, "p", 5));
            assertTrue(one.join().stream().allMatch(a -> "ack".equals(a.getString("type"))));
            assertTrue(two.join().stream().allMatch(a -> "ack".equals(a.getString("type"))));
            assertTrue(three.join().stream().allMatch(a -> "ack".equals(a.getString("type"))));
        }
        JsonObject counts = unreadOverRest(member);
        assertEquals(top, counts.getJsonNumber("readSeq").longValue(), counts::toString);
        assertEquals(top + 5, counts.getJsonNumber("lastSeq").longValue(), counts::toString);
        assertEquals(5, counts.getInt("unread"), counts::toString);
    }

    @Test
    void markersAndCountsWorkOverSseAndBadMentionsAreRefused() {
        long last = post(owner, "{\"data\":\"x\"}");
        try (SseClient stream = SseClient.open(base, member, "")) {
            String connection = stream.next().data().getString("connection");
            HttpResponse<String> marked = stream.post(connection, read(last));
            assertEquals(200, marked.statusCode(), marked.body());
            HttpResponse<String> counts = stream.post(connection, "{\"type\":\"unread\"}");
            JsonObject counted = unreadOf(Json.createReader(new StringReader(counts.body())).readObject(), room);
            assertEquals(0, counted.getInt("unread"), counts.body());
        }
        String many = IntStream.range(0, 51).mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(","));
        for (String bad : List.of("[\"not valid\"]", "\"" + member + "\"", "[" + many + "]", "[1]")) {
            Reply refused = api.post(owner, "rooms/" + room + "/messages", "{\"data\":1,\"mentions\":" + bad + "}");
            assertEquals(400, refused.status(), bad + " answered " + refused);
        }
        assertEquals(last, unreadOverRest(member).getJsonNumber("lastSeq").longValue(), "nothing stored");
    }

    private JsonObject unreadOverRest(String user) {
        Reply reply = api.get(user, "users/" + user + "/unread");
        assertEquals(200, reply.status(), reply::toString);
        return unreadOf(reply.json(), room);
    }

    private static JsonObject unreadOf(JsonObject answer, String room) {
        return answer.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(x -> room.equals(x.getString("room"))).findFirst()
                .orElseThrow(() -> new AssertionError("room " + room + " missing from " + answer));
    }

    private long post(String user, String body) {
        Reply reply = api.post(user, "rooms/" + room + "/messages", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getJsonNumber("seq").longValue();
    }

    private String read(long seq) {
        return "{\"type\":\"read\",\"room\":\"" + room + "\",\"seq\":" + seq + "}";
    }

    private static String withRef(String command, String ref) {
        return command.replaceFirst("\\{", "{\"ref\":\"" + ref + "\",");
    }
}
