package io.huddle.streaming.it;

import io.huddle.streaming.it.support.SseClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SSE transport over a real HTTP stream against the deployed WAR.
 */
class SseTransportIT extends WireTest {

    @Test
    void streamStartsWithWelcomeEvent() {
        try (SseClient stream = SseClient.open(base, "bob", "")) {
            assertEquals(200, stream.status());
            SseClient.Event welcome = stream.next();
            assertEquals("welcome", welcome.name());
            assertEquals("welcome", welcome.data().getString("type"));
            assertEquals("bob", welcome.data().getString("user"));
        }
    }

    @Test
    void commandPostedToOwnStreamIsAnsweredInTheResponse() {
        try (SseClient stream = SseClient.open(base, "bob", "")) {
            String connection = stream.next().data().getString("connection");
            HttpResponse<String> reply = stream.post(connection, "{\"type\":\"ping\"}");
            assertEquals(200, reply.statusCode());
            assertEquals("pong", json(reply.body()).getString("type"));
        }
    }

    @Test
    void badCommandIsAnsweredWithErrorAndHttp400() {
        try (SseClient stream = SseClient.open(base, "bob", "")) {
            String connection = stream.next().data().getString("connection");
            HttpResponse<String> reply = stream.post(connection, "[1,2]");
            assertEquals(400, reply.statusCode());
            assertEquals("bad_request", json(reply.body()).getString("code"));
        }
    }

    @Test
    void anotherUserPostingToTheStreamGets404() {
        try (SseClient stream = SseClient.open(base, "bob", "")) {
            String connection = stream.next().data().getString("connection");
            HttpResponse<String> reply = SseClient.post(base, connection, "mallory", "{\"type\":\"ping\"}");
            assertEquals(404, reply.statusCode());
            assertEquals("not_found", json(reply.body()).getString("code"));
        }
    }

    @Test
    void streamWithoutIdentityIsRefusedWith401() {
        try (SseClient stream = SseClient.open(base, null, "")) {
            assertEquals(401, stream.status());
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
