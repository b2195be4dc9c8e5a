package io.huddle.streaming.it.cluster;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.TwoNodeCluster;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat features hold across two nodes: a read marker moved on one node reaches the user's tab on the other,
 * reactions and pins reach members on the other node, slow mode counts a member's messages on both nodes, and an
 * administrator closes a connection open on the other node and lists the connections of both.
 */
@ExtendWith(TwoNodeCluster.class)
class ChatFeaturesAcrossNodesIT {

    private final TwoNodeCluster.Nodes cluster = TwoNodeCluster.get();
    private final Api apiA = new Api(cluster.a);
    private final Api apiB = new Api(cluster.b);

    @Test
    void aReadMarkerMovedOnNodeAReachesTheUsersTabOnNodeB() {
        String room = Api.roomId("read-x");
        String owner = Api.user("owner");
        String reader = Api.user("reader");
        apiA.createRoom(owner, room, "");
        assertEquals(201, apiB.post(reader, "rooms/" + room + "/members", "{}").status());
        long seq = apiA.post(owner, "rooms/" + room + "/messages", "{\"data\":1}").json().getJsonNumber("seq").longValue();
        try (WsClient tabA = WsClient.connect(cluster.a, reader); WsClient tabB = WsClient.connect(cluster.b, reader)) {
            tabA.next("welcome");
            tabB.next("welcome");
            assertEquals(seq, tabA.command("{\"type\":\"read\",\"room\":\"" + room + "\",\"seq\":" + seq + "}")
                    .getJsonNumber("seq").longValue());
            JsonObject told = tabB.next("read");
            assertEquals(seq, told.getJsonNumber("seq").longValue(), told::toString);
        }
    }

    @Test
    void reactionsAndPinsReachMembersOnTheOtherNode() {
        String room = Api.roomId("react-x");
        String owner = Api.user("owner");
        String member = Api.user("member");
        apiA.createRoom(owner, room, "");
        assertEquals(201, apiA.post(member, "rooms/" + room + "/members", "{}").status());
        String message = apiA.post(owner, "rooms/" + room + "/messages", "{\"data\":\"x\"}").json().getString("id");
        try (WsClient ownerOnA = WsClient.connect(cluster.a, owner); WsClient memberOnB = WsClient.connect(cluster.b, member)) {
            ownerOnA.next("welcome");
            memberOnB.next("welcome");
            assertEquals("ack", memberOnB.command("{\"type\":\"react\",\"room\":\"" + room + "\",\"id\":\"" + message
                    + "\",\"reaction\":\"ok\"}").getString("type"));
            assertEquals(member, ownerOnA.next("reaction").getString("user"));
            assertEquals("ack", ownerOnA.command("{\"type\":\"pin\",\"room\":\"" + room + "\",\"id\":\"" + message + "\"}")
                    .getString("type"));
            JsonObject pinned = memberOnB.next("pin");
            assertEquals("pinned", pinned.getString("action"), pinned::toString);
        }
    }

    @Test
    void slowModeCountsAMembersMessagesOnBothNodes() {
        String room = Api.roomId("slow-x");
        String owner = Api.user("owner");
        String member = Api.user("member");
        apiA.createRoom(owner, room, "");
        assertEquals(201, apiA.post(member, "rooms/" + room + "/members", "{}").status());
        assertEquals(200, apiA.put(owner, "rooms/" + room + "/mode", "{\"slowModeMs\":60000}").status());
        Reply first = apiA.post(member, "rooms/" + room + "/messages", "{\"data\":1}");
        assertEquals(201, first.status(), first::toString);
        Reply second = apiB.post(member, "rooms/" + room + "/messages", "{\"data\":2}");
        assertEquals(429, second.status(), second::toString);
        assertTrue(second.json().getString("message").contains("slow mode"), second::toString);
    }

    @Test
    void anAdministratorOnNodeAClosesAConnectionOpenOnNodeB() {
        String user = Api.user("closed");
        try (WsClient onB = WsClient.connect(cluster.b, user)) {
            String id = onB.next("welcome").getString("connection");
            assertEquals(204, apiA.delete("cluster-admin", "connections/" + id).status());
            assertEquals("kicked", onB.next("system").getString("event"));
            assertEquals(4409, onB.awaitClose());
        }
    }

    @Test
    void anAdministratorOnNodeAListsTheConnectionsOpenOnBothNodes() {
        String user = Api.user("listed");
        String room = Api.roomId("listed");
        apiA.createRoom(user, room, "");
        try (WsClient onA = WsClient.connect(cluster.a, user); WsClient onB = WsClient.connect(cluster.b, user)) {
            String idA = onA.next("welcome").getString("connection");
            String idB = onB.next("welcome").getString("connection");
            assertEquals("ack", onB.command("{\"type\":\"subscribe\",\"channel\":\"demo.listed\"}").getString("type"));

            JsonObject listed = apiA.get("cluster-admin", "connections?of=" + user).json();
            assertEquals(0, listed.getJsonArray("unanswered").size(), listed::toString);
            List<JsonObject> connections = listed.getJsonArray("connections").getValuesAs(JsonObject.class);
            assertEquals(2, connections.size(), listed::toString);
            assertEquals(Set.of(idA, idB), connections.stream().map(c -> c.getString("id")).collect(Collectors.toSet()),
                    listed::toString);
            JsonObject fromB = connections.stream().filter(c -> c.getString("id").equals(idB)).findFirst().orElseThrow();
            JsonObject fromA = connections.stream().filter(c -> c.getString("id").equals(idA)).findFirst().orElseThrow();
            assertTrue(!fromA.getString("node").equals(fromB.getString("node")), listed::toString);
            assertEquals(List.of("demo.listed"), fromB.getJsonArray("channels").getValuesAs(jakarta.json.JsonString.class)
                    .stream().map(jakarta.json.JsonString::getString).toList(), listed::toString);
            assertEquals(List.of(room), fromB.getJsonArray("rooms").getValuesAs(jakarta.json.JsonString.class)
                    .stream().map(jakarta.json.JsonString::getString).toList(), listed::toString);
            assertEquals(0, fromA.getJsonArray("channels").size(), listed::toString);

            JsonObject fromNodeB = apiB.get("cluster-admin", "connections?of=" + user).json();
            assertEquals(2, fromNodeB.getJsonArray("connections").size(), fromNodeB::toString);
        }
    }
}
