package io.huddle.streaming.it.features;

import io.huddle.streaming.it.support.ConfiguredDeployments;
import io.huddle.streaming.it.support.WsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code streaming.features.rooms=false} alone: room commands and the room API are off, channels and presence on. */
class RoomsOffIT extends OneFeatureOff {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ConfiguredDeployments.huddleWarWith("streaming.features.rooms=false");
    }

    @Test
    void roomCommandsAreDisabledWhileChannelsAndPresenceWork() {
        String channel = "ch-" + room;
        assertEquals(201, api.post("it-admin", "channels", "{\"name\":\"" + channel + "\"}").status());
        try (WsClient ws = open(alice)) {
            for (String command : new String[]{join(), publish("x"), "{\"type\":\"history\",\"room\":\"" + room + "\"}",
                    "{\"type\":\"who\",\"room\":\"" + room + "\"}", "{\"type\":\"leave\",\"room\":\"" + room + "\"}"}) {
                assertDisabled(ws, command);
            }
            assertAcked(ws, "{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            assertAcked(ws, "{\"type\":\"presence\",\"status\":\"away\"}");
        }
        assertEquals("feature_disabled", api.get(alice, "rooms").code());
    }
}
