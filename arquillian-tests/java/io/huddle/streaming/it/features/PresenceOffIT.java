package io.huddle.streaming.it.features;

import io.huddle.streaming.it.support.ConfiguredDeployments;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code streaming.features.presence=false} alone: no presence command and no presence frames, rooms on. */
class PresenceOffIT extends OneFeatureOff {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ConfiguredDeployments.huddleWarWith("streaming.features.presence=false");
    }

    @Test
    void presenceIsDisabledAndNeverAnnouncedWhileRoomsWork() {
        createRoom();
        try (WsClient bobWs = open(bob)) {
            assertDisabled(bobWs, "{\"type\":\"presence\",\"status\":\"away\"}");
            try (WsClient aliceWs = open(alice)) {
                aliceWs.command("{\"type\":\"presence\",\"status\":\"busy\"}");
                assertAcked(aliceWs, publish("after coming online"));
            }
            // The message alice published after connecting comes after any presence frame her connection caused.
            List<JsonObject> before = new ArrayList<>();
            JsonObject frame;
            while (!"message".equals((frame = bobWs.next()).getString("type"))) {
                before.add(frame);
            }
            assertEquals("after coming online", frame.getString("data"));
            assertTrue(before.stream().noneMatch(f -> "presence".equals(f.getString("type"))), before::toString);
        }
    }
}
