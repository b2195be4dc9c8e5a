package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.BroadcastServlet;
import io.huddle.streaming.it.support.Deployments;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broadcasts application code sends through {@code StreamingManager} (called from a servlet in the deployed
 * application), watched through real sockets: to users, to one connection, to everyone but some users, and to
 * several rooms at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BroadcastsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.huddleWar().addClass(BroadcastServlet.class);
    }

    @ArquillianResource
    URL base;

    Api api;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void aBroadcastToUsersReachesEveryConnectionOfEachNamedUserAndNobodyElse() {
        String ann = Api.user("ann");
        String bob = Api.user("bob");
        String other = Api.user("other");
        try (WsClient ann1 = open(ann); WsClient ann2 = open(ann); WsClient bob1 = open(bob); WsClient other1 = open(other)) {
            assertEquals(204, broadcast("users", ann + "," + bob + "," + ann, "notice", "{\"n\":1}").statusCode());
            for (WsClient ws : List.of(ann1, ann2, bob1)) {
                JsonObject frame = ws.next("message");
                assertEquals("$user", frame.getString("channel"), frame::toString);
                assertEquals("notice", frame.getString("event"));
                assertEquals(1, frame.getJsonObject("data").getInt("n"));
                assertTrue(ws.drain().stream().noneMatch(f -> "message".equals(f.getString("type"))),
                        "a user named twice gets it once");
            }
            assertTrue(other1.drain().stream().noneMatch(f -> "message".equals(f.getString("type"))));
        }
    }

    @Test
    void aBroadcastToAConnectionReachesThatConnectionOnly() {
        String ann = Api.user("ann");
        try (WsClient tab1 = WsClient.connect(base, ann); WsClient tab2 = open(ann)) {
            String connection = tab1.next("welcome").getString("connection");
            assertEquals(204, broadcast("connection", connection, null, "\"just you\"").statusCode());
            assertEquals("just you", tab1.next("message").getString("data"));
            assertTrue(tab2.drain().stream().noneMatch(f -> "message".equals(f.getString("type"))));
            assertEquals(204, broadcast("connection", "no-such-connection", null, "1").statusCode(),
                    "a connection that is not open is not an error: it may have just closed");
        }
    }

    @Test
    void aBroadcastToAllButSomeUsersSkipsExactlyThoseUsers() {
        String left = Api.user("left");
        String kept = Api.user("kept");
        try (WsClient skipped = open(left); WsClient reached = open(kept)) {
            assertEquals(204, broadcast("all-except", left, "all", "{\"x\":true}").statusCode());
            JsonObject frame = reached.next("message");
            assertEquals("$all", frame.getString("channel"), frame::toString);
            assertTrue(skipped.drain().stream().noneMatch(f -> "message".equals(f.getString("type"))));
        }
    }

    @Test
    void aBroadcastToRoomsIsStoredInEachOrInNoneWhenOneRoomIsMissing() {
        String owner = Api.user("owner");
        String one = Api.roomId("bc1");
        String two = Api.roomId("bc2");
        api.createRoom(owner, one, "");
        api.createRoom(owner, two, "");
        try (WsClient member = open(owner)) {
            HttpResponse<String> stored = broadcast("rooms", one + "," + two, "maintenance", "{\"at\":\"noon\"}");
            assertEquals(200, stored.statusCode(), stored.body());
            assertEquals(one + ":1," + two + ":1", stored.body());
            List<String> rooms = List.of(member.next("message").getString("room"), member.next("message").getString("room"));
            assertTrue(rooms.containsAll(List.of(one, two)), rooms::toString);
        }
        HttpResponse<String> refused = broadcast("rooms", one + "," + Api.roomId("missing"), null, "2");
        assertEquals(404, refused.statusCode(), refused.body());
        assertEquals(1, api.get(owner, "rooms/" + one + "/messages").json().getJsonArray("messages").size(),
                "nothing stored when one room refuses");
        assertEquals("system", api.get(owner, "rooms/" + two + "/messages").json().getJsonArray("messages")
                .getJsonObject(0).getString("user"));
    }

    @Test
    void badArgumentsAreRefusedAndSendNothing() {
        String ann = Api.user("ann");
        try (WsClient ws = open(ann)) {
            assertEquals(400, broadcast("users", ann + ",not valid", null, "1").statusCode());
            assertEquals(400, broadcast("users", ann, null, "{not json").statusCode());
            assertEquals(400, broadcast("all-except", ann + ",", null, "1").statusCode(), "an empty user id");
            assertEquals(400, broadcast("connection", "", null, "1").statusCode());
            assertTrue(ws.drain().stream().noneMatch(f -> "message".equals(f.getString("type"))));
        }
    }

    private WsClient open(String user) {
        WsClient ws = WsClient.connect(base, user);
        ws.next("welcome");
        return ws;
    }

    private HttpResponse<String> broadcast(String to, String targets, String event, String data) {
        String query = "to=" + to + "&targets=" + URLEncoder.encode(targets, StandardCharsets.UTF_8)
                + (event == null ? "" : "&event=" + event);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "it/broadcast?" + query))
                .POST(HttpRequest.BodyPublishers.ofString(data)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
    }
}
