package io.huddle.streaming.it.features;

import io.huddle.streaming.it.support.ConfiguredDeployments;
import io.huddle.streaming.it.support.WsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code streaming.features.typing=false} alone: typing is off, rooms on. */
class TypingOffIT extends OneFeatureOff {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ConfiguredDeployments.huddleWarWith("streaming.features.typing=false");
    }

    @Test
    void typingIsDisabledWhileRoomsWork() {
        createRoom();
        try (WsClient ws = open(bob)) {
            assertDisabled(ws, "{\"type\":\"typing\",\"room\":\"" + room + "\",\"active\":true}");
            assertAcked(ws, publish("rooms still work"));
        }
    }
}
