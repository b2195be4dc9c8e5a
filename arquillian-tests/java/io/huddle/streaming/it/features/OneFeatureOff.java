package io.huddle.streaming.it.features;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the tests of a single feature switch share: a room with two members, and a way to check that a command
 * is refused with {@code feature_disabled} while the connection goes on working. Each subclass deploys the WAR
 * with its one switch off.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class OneFeatureOff {

    @ArquillianResource
    URL base;

    Api api;
    String alice;
    String bob;
    String room;

    @BeforeEach
    void aRoomWithTwoMembersWhereRoomsAreOn() {
        api = new Api(base);
        alice = Api.user("alice");
        bob = Api.user("bob");
        room = Api.roomId("switch");
    }

    /** Creates the room with alice as owner and bob as member (only where rooms are on). */
    void createRoom() {
        api.createRoom(alice, room, "");
        assertEquals(201, api.post(bob, "rooms/" + room + "/members", "{}").status());
    }

    WsClient open(String user) {
        WsClient client = WsClient.connect(base, user);
        client.next("welcome");
        return client;
    }

    /** Sends {@code command} and checks the answer is {@code feature_disabled}. */
    static void assertDisabled(WsClient ws, String command) {
        JsonObject answer = ws.command(command);
        assertEquals("feature_disabled", answer.getString("code", "(none)"), command + " answered " + answer);
    }

    /** Sends {@code command} and checks the answer is an {@code ack}. */
    static JsonObject assertAcked(WsClient ws, String command) {
        JsonObject answer = ws.command(command);
        assertEquals("ack", answer.getString("type"), command + " answered " + answer);
        return answer;
    }

    String join() {
        return "{\"type\":\"join\",\"room\":\"" + room + "\"}";
    }

    String publish(String data) {
        return "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"" + data + "\"}";
    }
}
