package io.huddle.streaming.it.features;

import io.huddle.streaming.it.support.ConfiguredDeployments;
import io.huddle.streaming.it.support.WsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code streaming.features.channels=false} alone: channel commands are off, rooms on. */
class ChannelsOffIT extends OneFeatureOff {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ConfiguredDeployments.huddleWarWith("streaming.features.channels=false");
    }

    @Test
    void channelCommandsAreDisabledWhileRoomsWork() {
        createRoom();
        try (WsClient ws = open(bob)) {
            assertDisabled(ws, "{\"type\":\"subscribe\",\"channel\":\"news\"}");
            assertDisabled(ws, "{\"type\":\"unsubscribe\",\"channel\":\"news\"}");
            assertDisabled(ws, "{\"type\":\"publish\",\"channel\":\"news\",\"data\":1}");
            assertAcked(ws, join());
            assertAcked(ws, publish("rooms still work"));
        }
    }
}
