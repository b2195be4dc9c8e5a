package io.huddle.streaming.it.features;

import io.huddle.streaming.it.support.ConfiguredDeployments;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code streaming.features.history=false} alone: live messages only; history, edits and replay are off. */
class HistoryOffIT extends OneFeatureOff {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ConfiguredDeployments.huddleWarWith("streaming.features.history=false");
    }

    @Test
    void messagesAreLiveOnlyAndHistoryCommandsAreDisabled() {
        createRoom();
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            JsonObject ack = assertAcked(aliceWs, publish("live"));
            assertEquals("live", bobWs.next("message").getString("data"), "messages are still delivered live");
            assertDisabled(bobWs, "{\"type\":\"history\",\"room\":\"" + room + "\"}");
            assertDisabled(aliceWs, "{\"type\":\"edit\",\"room\":\"" + room + "\",\"id\":\"" + ack.getString("id") + "\",\"data\":1}");
            assertDisabled(aliceWs, "{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"" + ack.getString("id") + "\"}");
            assertDisabled(aliceWs, "{\"type\":\"pin\",\"room\":\"" + room + "\",\"id\":\"" + ack.getString("id") + "\"}");
            assertDisabled(bobWs, "{\"type\":\"pins\",\"room\":\"" + room + "\"}");
            assertDisabled(bobWs, "{\"type\":\"react\",\"room\":\"" + room + "\",\"id\":\"" + ack.getString("id")
                    + "\",\"reaction\":\"ok\"}");
            JsonObject resumed = assertAcked(bobWs, "{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":0}");
            assertFalse(resumed.getBoolean("recovered"), "nothing can be replayed without history");
        }
        assertEquals("feature_disabled", api.get(bob, "rooms/" + room + "/messages").code());
        assertEquals("feature_disabled", api.get(bob, "rooms/" + room + "/pins").code());
    }
}
