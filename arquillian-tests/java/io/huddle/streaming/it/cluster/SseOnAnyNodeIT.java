package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.SseClient;
import io.huddle.streaming.it.support.TwoNodeCluster;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No sticky sessions for SSE: a command posted to the node that does not hold the stream is relayed to the one that
 * does and answered as if posted there; another user's stream is still 404 on either node.
 */
@ExtendWith(TwoNodeCluster.class)
class SseOnAnyNodeIT {

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();

    @Test
    void commandsPostedToNodeBForAStreamOnNodeAAreRunThere() {
        String alice = Api.user("alice");
        String room = Api.roomId("sse");
        new Api(cluster.a).createRoom(alice, room, "");
        try (SseClient stream = SseClient.open(cluster.a, alice, "")) {
            String connection = stream.next().data().getString("connection");

            HttpResponse<String> joined = SseClient.post(cluster.b, connection, alice,
                    "{\"type\":\"join\",\"room\":\"" + room + "\"}");
            assertEquals(200, joined.statusCode(), joined.body());
            assertEquals("ack", json(joined).getString("type"));

            HttpResponse<String> published = SseClient.post(cluster.b, connection, alice,
                    "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":{\"via\":\"node B\"}}");
            assertEquals(200, published.statusCode(), published.body());
            String id = json(published).getString("id");
            SseClient.Event message;
            do {
                message = stream.next();
            } while (!"message".equals(message.data().getString("type", null)));
            assertEquals(id, message.data().getString("id"));

            HttpResponse<String> bad = SseClient.post(cluster.b, connection, alice, "{\"type\":\"publish\"}");
            assertEquals(400, bad.statusCode(), bad.body());
            assertEquals("bad_request", json(bad).getString("code"));
        }
    }

    @Test
    void anotherUsersStreamIsNotFoundOnEitherNode() {
        String alice = Api.user("alice");
        try (SseClient stream = SseClient.open(cluster.a, alice, "")) {
            String connection = stream.next().data().getString("connection");
            for (var node : new java.net.URL[] {cluster.a, cluster.b}) {
                HttpResponse<String> reply = SseClient.post(node, connection, Api.user("mallory"), "{\"type\":\"ping\"}");
                assertEquals(404, reply.statusCode(), node + ": " + reply.body());
            }
            HttpResponse<String> unknown = SseClient.post(cluster.b, connection.replace(connection.substring(0, 8), "00000000"),
                    alice, "{\"type\":\"ping\"}");
            assertEquals(404, unknown.statusCode(), unknown.body());
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
