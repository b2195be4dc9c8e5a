package io.huddle.streaming.it;

import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebSocket transport over a real socket against the deployed WAR.
 */
class WebSocketTransportIT extends WireTest {

    @Test
    void firstFrameIsWelcomeNamingTheUserAndProtocol() {
        try (WsClient alice = WsClient.connect(base, "alice")) {
            JsonObject welcome = alice.next();
            assertEquals("welcome", welcome.getString("type"));
            assertEquals("alice", welcome.getString("user"));
            assertEquals(1, welcome.getInt("protocol"));
            assertFalse(welcome.getString("connection").isBlank());
            assertFalse(welcome.getString("node").isBlank());
            assertTrue(welcome.getJsonNumber("heartbeatMs").longValue() > 0);
            assertTrue(welcome.getJsonObject("limits").getInt("maxMessageBytes") > 0);
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient alice = WsClient.connect(base, "alice")) {
            alice.next("welcome");
            alice.sendText("{\"type\":\"ping\"}");
            assertEquals("pong", alice.next().getString("type"));
        }
    }

    @Test
    void connectionWithoutIdentityIsClosedWith4401() {
        try (WsClient nobody = WsClient.connect(base, null)) {
            assertEquals(4401, nobody.awaitClose());
        }
    }

    @Test
    void invalidUserNameCountsAsNoIdentity() {
        try (WsClient bad = WsClient.connect(base, "has%20space")) {
            assertEquals(4401, bad.awaitClose());
        }
    }

    @Test
    void frameThatIsNotJsonGetsBadRequestAndTheConnectionStaysOpen() {
        try (WsClient alice = WsClient.connect(base, "alice")) {
            alice.next("welcome");
            alice.sendText("{not json");
            JsonObject error = alice.next();
            assertEquals("error", error.getString("type"));
            assertEquals("bad_request", error.getString("code"));

            alice.sendText("{\"type\":\"ping\"}");
            assertEquals("pong", alice.next().getString("type"));
        }
    }

    @Test
    void unknownCommandGetsBadRequestEchoingItsRef() {
        try (WsClient alice = WsClient.connect(base, "alice")) {
            alice.next("welcome");
            alice.sendText("{\"type\":\"dance\",\"ref\":\"r1\"}");
            JsonObject error = alice.next();
            assertEquals("error", error.getString("type"));
            assertEquals("bad_request", error.getString("code"));
            assertEquals("r1", error.getString("ref"));
        }
    }
}
