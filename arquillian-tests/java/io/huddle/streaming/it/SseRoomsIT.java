package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.SseClient;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rooms over real SSE streams: joining with {@code rooms=}, commands by POST, resume with {@code Last-Event-ID},
 * and the same frames as WebSocket clients get.
 */
class SseRoomsIT extends WireTest {

    /** An administrator of the test server: defines channels and publishes on them. */
    private static final String ADMIN = "it-admin";

    Api api;
    String alice;
    String bob;
    String room;

    @BeforeEach
    void roomOwnedByAlice() {
        api = new Api(base);
        alice = Api.user("alice");
        bob = Api.user("bob");
        room = Api.roomId("sse");
        api.createRoom(alice, room, "");
    }

    @Test
    void roomsParameterJoinsAndMessagesCarryAResumeId() {
        try (SseClient stream = SseClient.open(base, bob, "rooms=" + room); WsClient aliceWs = WsClient.connect(base, alice)) {
            assertEquals("welcome", stream.next().name());
            assertEquals("joined", next(stream, "member").data().getString("action"));
            aliceWs.next("welcome");
            aliceWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"text\":\"to sse\"}}");
            SseClient.Event message = next(stream, "message");
            assertEquals("to sse", message.data().getJsonObject("data").getString("text"));
            assertEquals(1, message.data().getJsonNumber("seq").longValue());
            assertNotNull(message.id(), "message events carry the resume cursor as their id");
        }
    }

    @Test
    void commandsPostedForTheStreamAreAnsweredAndTheirFramesArriveOnTheStream() {
        try (SseClient stream = SseClient.open(base, bob, "")) {
            String connection = stream.next().data().getString("connection");
            HttpResponse<String> joined = stream.post(connection, "{\"type\":\"join\",\"ref\":\"1\",\"room\":\"" + room + "\"}");
            assertEquals(200, joined.statusCode(), joined.body());
            assertEquals("1", json(joined.body()).getString("ref"));
            HttpResponse<String> published = stream.post(connection, "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":7}");
            assertEquals(1, json(published.body()).getJsonNumber("seq").longValue());
            assertEquals(7, next(stream, "message").data().getInt("data"));

            HttpResponse<String> forbidden = stream.post(connection, "{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"nope\"}");
            assertEquals(404, forbidden.statusCode());
            assertEquals("not_found", json(forbidden.body()).getString("code"));
        }
    }

    @Test
    void reconnectWithLastEventIdResumesEveryRoomOfTheCursor() {
        String second = Api.roomId("sse2");
        api.createRoom(alice, second, "");
        String cursor;
        try (SseClient stream = SseClient.open(base, bob, "rooms=" + room + "," + second)) {
            assertEquals("welcome", stream.next().name());
            awaitJoined(stream, room, second);
            api.post(alice, "rooms/" + room + "/messages", "{\"data\":\"a1\"}");
            api.post(alice, "rooms/" + second + "/messages", "{\"data\":\"b1\"}");
            next(stream, "message");
            cursor = next(stream, "message").id();
        }
        api.post(alice, "rooms/" + room + "/messages", "{\"data\":\"a2\"}");
        api.post(alice, "rooms/" + second + "/messages", "{\"data\":\"b2\"}");
        try (SseClient resumed = SseClient.open(base, bob, "lastEventId=" + cursor)) {
            assertEquals("welcome", resumed.next().name());
            JsonObject first = next(resumed, "message").data();
            JsonObject then = next(resumed, "message").data();
            assertEquals("a2", first.getString("data"), first::toString);
            assertEquals(2, first.getJsonNumber("seq").longValue());
            assertEquals("b2", then.getString("data"), then::toString);
        }
    }

    /**
     * Once a client has read {@code welcome}, the rooms of {@code rooms=} are joined: a message published right
     * then reaches the stream, and the client's own publish is accepted. Repeated with fresh streams, because
     * a stream that joined only after {@code welcome} lost such a message about every other time.
     */
    @Test
    void aStreamIsJoinedToItsRoomsWhenItsWelcomeArrives() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            String reader = Api.user("reader");
            try (SseClient stream = SseClient.open(base, reader, "rooms=" + room)) {
                SseClient.Event welcome = stream.next();
                assertEquals("welcome", welcome.name(), "the first event is welcome");
                Api.Reply published = api.post(alice, "rooms/" + room + "/messages", "{\"data\":" + attempt + "}");
                assertEquals(201, published.status(), published::toString);
                HttpResponse<String> own = stream.post(welcome.data().getString("connection"),
                        "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"mine\"}");
                assertEquals(200, own.statusCode(), "attempt " + attempt + ": " + own.body());
                JsonObject message = next(stream, "message").data();
                assertEquals(published.json().getJsonNumber("seq").longValue(), message.getJsonNumber("seq").longValue(),
                        "attempt " + attempt + ": the message published right after welcome arrives first");
            }
        }
    }

    @Test
    void aStreamIsSubscribedToItsChannelsWhenItsWelcomeArrives() {
        String channel = "ch-" + Api.roomId("sse");
        assertEquals(201, api.post(ADMIN, "channels", "{\"name\":\"" + channel + "\"}").status());
        for (int attempt = 1; attempt <= 10; attempt++) {
            try (SseClient stream = SseClient.open(base, Api.user("listener"), "channels=" + channel)) {
                assertEquals("welcome", stream.next().name(), "the first event is welcome");
                assertEquals(201, api.post(ADMIN, "channels/" + channel + "/messages", "{\"data\":" + attempt + "}").status());
                assertEquals(attempt, next(stream, "message").data().getInt("data"), "attempt " + attempt);
            }
        }
    }

    @Test
    void joiningARoomThatDoesNotExistSendsAnErrorEvent() {
        try (SseClient stream = SseClient.open(base, bob, "rooms=" + Api.roomId("missing"))) {
            assertEquals("welcome", stream.next().name());
            SseClient.Event error = next(stream, "error");
            assertEquals("not_found", error.data().getString("code"));
        }
    }

    /** Waits until the stream has reported its own user joining every one of the rooms. */
    private void awaitJoined(SseClient stream, String... rooms) {
        Set<String> pending = new HashSet<>(List.of(rooms));
        while (!pending.isEmpty()) {
            JsonObject member = next(stream, "member").data();
            if ("joined".equals(member.getString("action")) && bob.equals(member.getString("user"))) {
                pending.remove(member.getString("room"));
            }
        }
    }

    private static SseClient.Event next(SseClient stream, String name) {
        for (int i = 0; i < 20; i++) {
            SseClient.Event event = stream.next();
            if (name.equals(event.name())) {
                return event;
            }
        }
        throw new AssertionError("no '" + name + "' event");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
