package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large rooms over real WebSockets: the test server counts a room of more than 12 members as large
 * ({@code streaming.rooms.large}) and tells member counts every 200 ms. A plain join or leave reaches the user's
 * own connections and, for everyone else, a member count; moderation is still told one by one; presence does not
 * travel through a large room, and {@code who} still answers it.
 */
class LargeRoomsIT extends WireTest {

    private static final int LARGE = 12;

    Api api;
    String owner;
    String room;
    List<String> members;

    @BeforeEach
    void aRoomOfThirteenMembers() {
        api = new Api(base);
        owner = Api.user("owner");
        room = Api.roomId("large");
        api.createRoom(owner, room, "");
        members = Api.users("m", LARGE);
        for (String member : members) {
            api.post(member, "rooms/" + room + "/members", "{}");
        }
    }

    @Test
    void aJoinAndALeaveReachTheOthersAsAMemberCount() {
        String dave = Api.user("dave");
        try (WsClient ownerWs = open(owner); WsClient daveWs = open(dave)) {
            assertEquals("ack", daveWs.command(join()).getString("type"));
            JsonObject own = daveWs.next("member");
            assertEquals(dave, own.getString("user"), "the joining user's own connections hear of the join");
            assertEquals("joined", own.getString("action"));

            // The setup's own joins may still be told first (13 members): wait for the count after dave's join.
            List<JsonObject> beforeCount = until(ownerWs, f -> isCount(f) && f.getInt("members") == LARGE + 2);
            assertTrue(beforeCount.stream().noneMatch(f -> "member".equals(f.getString("type"))),
                    "a plain join in a large room is not told to every member: " + beforeCount);

            assertEquals("ack", daveWs.command("{\"type\":\"leave\",\"room\":\"" + room + "\"}").getString("type"));
            assertEquals("left", daveWs.next("member").getString("action"), "the leaving user hears of it last");
            List<JsonObject> afterLeave = until(ownerWs, f -> isCount(f) && f.getInt("members") == LARGE + 1);
            assertTrue(afterLeave.stream().noneMatch(f -> "member".equals(f.getString("type"))), afterLeave::toString);
        }
    }

    @Test
    void joinsInOneIntervalMakeOneCount() {
        List<String> joiners = Api.users("burst", 6);
        try (WsClient ownerWs = open(owner)) {
            for (String joiner : joiners) {
                api.post(joiner, "rooms/" + room + "/members", "{}");
            }
            List<JsonObject> seen = until(ownerWs, f -> isCount(f) && f.getInt("members") == LARGE + 1 + joiners.size());
            List<JsonObject> counts = seen.stream().filter(this::isCount).filter(f -> f.getInt("members") > LARGE + 1).toList();
            assertTrue(counts.size() <= joiners.size(), "six joins make at most six counts: " + counts);
            seen.addAll(ownerWs.drain());
            assertTrue(seen.stream().noneMatch(f -> "member".equals(f.getString("type"))), seen::toString);
        }
    }

    /**
     * More new users than the database pool has connections join one room at the same moment: each join waits for
     * the room's lock holding a connection, so the one holding the lock must finish with the connection it has.
     */
    @Test
    void moreNewUsersThanPooledConnectionsJoinOneRoomAtOnce() {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (String user : Api.users("rush", 40)) {
                clients.add(open(user));
            }
            for (WsClient client : clients) {
                client.sendText("{\"type\":\"join\",\"room\":\"" + room + "\",\"ref\":\"rush\"}");
            }
            for (WsClient client : clients) {
                JsonObject answer = client.answers("rush", 1).get(0);
                assertEquals("ack", answer.getString("type"), answer::toString);
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aKickInALargeRoomIsStillToldToEveryone() {
        String target = members.get(0);
        try (WsClient ownerWs = open(owner); WsClient otherWs = open(members.get(1))) {
            assertEquals(204, api.post(owner, "rooms/" + room + "/kicks", "{\"user\":\"" + target + "\"}").status());
            JsonObject kicked = otherWs.next("member");
            assertEquals("kicked", kicked.getString("action"));
            assertEquals(target, kicked.getString("user"));
        }
    }

    @Test
    void presenceDoesNotTravelThroughALargeRoomButWhoAnswersIt() {
        String friend = Api.user("friend");
        String small = Api.roomId("small");
        api.createRoom(owner, small, "");
        api.post(friend, "rooms/" + small + "/members", "{}");
        String member = members.get(2);
        try (WsClient ownerWs = open(owner)) {
            try (WsClient memberWs = open(member); WsClient friendWs = open(friend)) {
                List<JsonObject> before = until(ownerWs, f -> isPresenceOf(f, friend));
                assertTrue(before.stream().noneMatch(f -> isPresenceOf(f, member)),
                        "a co-member of a large room only is not announced: " + before);
                JsonObject who = ownerWs.command("{\"type\":\"who\",\"room\":\"" + room + "\"}");
                JsonObject seen = who.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                        .filter(m -> member.equals(m.getString("user"))).findFirst().orElseThrow();
                assertEquals("online", seen.getString("status"), who::toString);
            }
        }
    }

    private String join() {
        return "{\"type\":\"join\",\"room\":\"" + room + "\"}";
    }

    private boolean isCount(JsonObject frame) {
        return "room".equals(frame.getString("type")) && "members".equals(frame.getString("action", ""))
                && room.equals(frame.getString("room"));
    }

    private static boolean isPresenceOf(JsonObject frame, String user) {
        return "presence".equals(frame.getString("type")) && user.equals(frame.getString("user", null));
    }

    /** The frames up to and including the first that matches, waiting for it with the client's timeout. */
    private static List<JsonObject> until(WsClient client, Predicate<JsonObject> wanted) {
        List<JsonObject> frames = new ArrayList<>();
        while (frames.isEmpty() || !wanted.test(last(frames))) {
            frames.add(client.next());
        }
        return frames;
    }

    private static JsonObject last(List<JsonObject> frames) {
        return frames.get(frames.size() - 1);
    }

    private WsClient open(String user) {
        WsClient client = WsClient.connect(base, user);
        client.next("welcome");
        return client;
    }
}
