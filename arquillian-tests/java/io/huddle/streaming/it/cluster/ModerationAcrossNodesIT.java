package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moderation across nodes: a ban made through node A reaches the banned user's connection on node B (which then
 * gets nothing more of the room), and an expired ban, which both nodes look for every second on the test cluster,
 * is lifted by one of them and announced once.
 */
@ExtendWith(TwoNodeCluster.class)
class ModerationAcrossNodesIT {

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();
    private final Api api = new Api(cluster.a);

    @Test
    void aBanThroughNodeAEndsTheMembershipOfAUserConnectedToNodeB() {
        String owner = Api.user("owner");
        String bob = Api.user("bob");
        String carol = Api.user("carol");
        String room = Api.roomId("ban");
        api.createRoom(owner, room, "");
        assertEquals(201, api.post(bob, "rooms/" + room + "/members", "{}").status());
        assertEquals(201, api.post(carol, "rooms/" + room + "/members", "{}").status());
        try (WsClient bobOnB = PresenceAcrossNodesIT.open(cluster.b, bob); WsClient carolOnB = PresenceAcrossNodesIT.open(cluster.b, carol);
             WsClient ownerOnA = PresenceAcrossNodesIT.open(cluster.a, owner)) {
            assertEquals(201, api.post(owner, "rooms/" + room + "/bans", "{\"user\":\"" + bob + "\",\"reason\":\"spam\"}").status());
            JsonObject banned = CrossNodeDeliveryIT.memberFrame(bobOnB, "banned");
            assertEquals(bob, banned.getString("user"));
            JsonObject ack = ownerOnA.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"after the ban\"}");
            assertEquals(ack.getString("id"), carolOnB.next("message").getString("id"));
            assertTrue(bobOnB.drain().stream().noneMatch(f -> "message".equals(f.getString("type"))),
                    "the banned user receives nothing more of the room");
        }
    }

    @Test
    void anExpiredBanIsLiftedByOneNodeAndAnnouncedOnce() throws Exception {
        String owner = Api.user("owner");
        String bob = Api.user("bob");
        String carol = Api.user("carol");
        String room = Api.roomId("expiry");
        api.createRoom(owner, room, "");
        assertEquals(201, api.post(bob, "rooms/" + room + "/members", "{}").status());
        assertEquals(201, api.post(carol, "rooms/" + room + "/members", "{}").status());
        try (WsClient ownerOnB = PresenceAcrossNodesIT.open(cluster.b, owner)) {
            assertEquals(201, api.post(owner, "rooms/" + room + "/bans", "{\"user\":\"" + bob + "\",\"untilSeconds\":1}").status());
            assertEquals(bob, CrossNodeDeliveryIT.memberFrame(ownerOnB, "unbanned").getString("user"));
            // carol's one-second ban, made after bob's was lifted, is lifted after both nodes looked again: any
            // second announcement of bob's would have arrived before hers.
            assertEquals(201, api.post(owner, "rooms/" + room + "/bans", "{\"user\":\"" + carol + "\",\"untilSeconds\":1}").status());
            List<JsonObject> between = new ArrayList<>();
            while (true) {
                JsonObject frame = ownerOnB.next("member");
                if ("unbanned".equals(frame.getString("action")) && carol.equals(frame.getString("user"))) {
                    break;
                }
                between.add(frame);
            }
            assertTrue(between.stream().noneMatch(f -> "unbanned".equals(f.getString("action")) && bob.equals(f.getString("user"))),
                    "bob's lifted ban was announced once: " + between);
            assertEquals(List.of(), cluster.logLines("clearing expired bans and mutes failed"),
                    "neither node failed on a ban the other removed");
        }
    }
}
