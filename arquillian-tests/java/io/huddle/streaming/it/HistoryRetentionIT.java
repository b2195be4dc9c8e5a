package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.ConfiguredDeployments;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * History retention as it runs in the server: a room keeps at most {@code streaming.history.max-per-room}
 * messages, messages older than {@code streaming.history.retention} go, and a resume into deleted history says
 * {@code recovered: false}. This deployment keeps 5 messages a room for 15 seconds, cleaning every second (its first
 * cleanup also deletes what earlier tests left in the database, which can take several seconds on a busy machine).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HistoryRetentionIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ConfiguredDeployments.huddleWarWith("streaming.history.max-per-room=5",
                "streaming.history.retention=15s", "streaming.history.cleanup-interval=1s");
    }

    @ArquillianResource
    URL base;

    @Test
    void aRoomKeepsItsNewestMessagesUpToTheLimitAndNoneOlderThanTheRetention() {
        Api api = new Api(base);
        String owner = Api.user("owner");
        String room = Api.roomId("retained");
        api.createRoom(owner, room, "");
        for (int i = 1; i <= 8; i++) {
            assertEquals(201, api.post("it-admin", "rooms/" + room + "/messages", "{\"data\":" + i + "}").status());
        }
        await("the room to be trimmed to its 5 newest messages").atMost(Duration.ofSeconds(12))
                .pollInterval(Duration.ofMillis(100)).until(() -> seqs(api, owner, room).equals(List.of(4L, 5L, 6L, 7L, 8L)));

        try (WsClient ws = WsClient.connect(base, owner)) {
            ws.next("welcome");
            JsonObject resumed = ws.command("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":1}");
            assertEquals("ack", resumed.getString("type"), resumed::toString);
            assertFalse(resumed.getBoolean("recovered"), "messages 2 and 3 are gone: the resume cannot be complete");
        }

        await("every message to pass the retention").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> seqs(api, owner, room).isEmpty());
    }

    private static List<Long> seqs(Api api, String user, String room) {
        Api.Reply page = api.get(user, "rooms/" + room + "/messages?limit=50");
        assertEquals(200, page.status(), page::toString);
        return page.json().getJsonArray("messages").stream()
                .map(v -> v.asJsonObject().getJsonNumber("seq").longValue()).toList();
    }
}
