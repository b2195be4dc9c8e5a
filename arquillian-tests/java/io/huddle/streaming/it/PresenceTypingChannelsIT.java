package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presence, typing indicators and channels over real WebSockets (the test server runs with a 1 s presence grace,
 * a 3 s presence timeout and at most 3 channel subscriptions per user).
 */
class PresenceTypingChannelsIT extends WireTest {

    Api api;
    String alice;
    String bob;
    String room;

    @BeforeEach
    void aliceAndBobShareARoom() {
        api = new Api(base);
        alice = Api.user("alice");
        bob = Api.user("bob");
        room = Api.roomId("live");
        api.createRoom(alice, room, "");
        api.post(bob, "rooms/" + room + "/members", "{}");
    }

    @Test
    void userWithTwoTabsStaysOnlineWhenOneCloses() {
        String carol = controlUser();
        try (WsClient bobWs = open(bob); WsClient carolWs = open(carol)) {
            WsClient tab1 = open(alice);
            assertEquals("online", presenceOf(bobWs, alice).getString("status"));
            try (WsClient tab2 = open(alice)) {
                assertEquals(1000, tab1.closeNormally());
                List<JsonObject> before = untilOfflineOf(bobWs, carolWs, carol);
                assertTrue(before.stream().noneMatch(f -> isPresenceOf(f, alice)),
                        "closing one of two tabs must not announce offline: " + before);
            }
            JsonObject offline = presenceOf(bobWs, alice);
            assertEquals("offline", offline.getString("status"));
        }
    }

    @Test
    void reloadWithinTheGraceAnnouncesNothing() {
        String carol = controlUser();
        try (WsClient bobWs = open(bob); WsClient carolWs = open(carol)) {
            WsClient tab = open(alice);
            presenceOf(bobWs, alice);
            assertEquals(1000, tab.closeNormally());
            try (WsClient reloaded = open(alice)) {
                List<JsonObject> before = untilOfflineOf(bobWs, carolWs, carol);
                assertTrue(before.stream().noneMatch(f -> isPresenceOf(f, alice)),
                        "a reload within the grace period must not flap: " + before);
            }
        }
    }

    /** A co-member of bob whose own offline announcement serves as the clock of the presence grace. */
    private String controlUser() {
        String carol = Api.user("carol");
        api.post(carol, "rooms/" + room + "/members", "{}");
        return carol;
    }

    /**
     * Closes {@code controlWs}, the only connection of {@code control}, and returns the frames {@code watcher}
     * receives before {@code control}'s {@code offline}: that arrives a grace period after this call, so any
     * announcement due a grace period after an earlier close arrives among the returned frames.
     */
    private static List<JsonObject> untilOfflineOf(WsClient watcher, WsClient controlWs, String control) {
        assertEquals(1000, controlWs.closeNormally());
        List<JsonObject> before = new java.util.ArrayList<>();
        while (true) {
            JsonObject frame = watcher.next();
            if (isPresenceOf(frame, control) && "offline".equals(frame.getString("status"))) {
                return before;
            }
            before.add(frame);
        }
    }

    private static boolean isPresenceOf(JsonObject frame, String user) {
        return "presence".equals(frame.getString("type", null)) && user.equals(frame.getString("user", null));
    }

    @Test
    void invisibleShowsAsOfflineToOthersAndInvisibleToOneself() {
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            presenceOf(bobWs, alice);
            JsonObject ack = aliceWs.command("{\"type\":\"presence\",\"status\":\"invisible\"}");
            assertEquals("invisible", ack.getString("status"));
            assertEquals("offline", presenceOf(bobWs, alice).getString("status"));
            assertEquals("offline", statusIn(bobWs.command(who(room)), alice));
            assertEquals("invisible", statusIn(aliceWs.command(who(room)), alice));
            assertEquals("bad_request", aliceWs.command("{\"type\":\"presence\",\"status\":\"offline\"}").getString("code"));
        }
    }

    @Test
    void chosenStatusTextAndDeviceReachCoMembers() {
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            presenceOf(bobWs, alice);
            aliceWs.command("{\"type\":\"presence\",\"status\":\"busy\",\"text\":\"in a meeting\",\"device\":\"mobile\"}");
            JsonObject busy = presenceOf(bobWs, alice);
            assertEquals("busy", busy.getString("status"));
            assertEquals("in a meeting", busy.getString("text"));
            assertEquals("mobile", busy.getJsonArray("devices").getString(0));
            JsonObject rest = api.get(bob, "presence?users=" + alice).array().getJsonObject(0);
            assertEquals("busy", rest.getString("status"));
        }
    }

    @Test
    void silentUserTurnsAwayAndBackOnlineWithTheNextFrame() {
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            presenceOf(bobWs, alice);
            JsonObject away = presenceOf(bobWs, alice);
            assertEquals("away", away.getString("status"));
            aliceWs.command(who(room));
            assertEquals("online", presenceOf(bobWs, alice).getString("status"));
        }
    }

    @Test
    void presenceGoesOnlyToUsersWhoShareARoom() throws Exception {
        String carol = Api.user("carol");
        try (WsClient carolWs = open(carol); WsClient bobWs = open(bob)) {
            try (WsClient aliceWs = open(alice)) {
                presenceOf(bobWs, alice);
            }
            presenceOf(bobWs, alice);
            assertTrue(carolWs.drain().stream().noneMatch(f -> f.getString("type").equals("presence")));
        }
    }

    @Test
    void typingIsThrottledAndEndsByItself() {
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            for (int i = 0; i < 10; i++) {
                assertEquals("ack", aliceWs.command(typing(room, true)).getString("type"));
            }
            JsonObject started = next(bobWs, "typing");
            assertEquals(alice, started.getString("user"));
            assertTrue(started.getBoolean("active"));
            JsonObject ended = next(bobWs, "typing");
            assertFalse(ended.getBoolean("active"), "the server ends an indicator that is not refreshed");
            List<JsonObject> rest = bobWs.drain();
            assertTrue(rest.stream().noneMatch(f -> f.getString("type").equals("typing")),
                    "ten keystrokes within the throttle interval make one broadcast: " + rest);
        }
    }

    @Test
    void publishingEndsTheSendersTypingIndicator() {
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            aliceWs.command(typing(room, true));
            assertTrue(next(bobWs, "typing").getBoolean("active"));
            aliceWs.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"done\"}");
            JsonObject ended = next(bobWs, "typing");
            assertFalse(ended.getBoolean("active"));
        }
    }

    @Test
    void typingSpendsTheCommandRateBudget() {
        try (WsClient aliceWs = open(alice)) {
            // The test server allows 200 commands per second in bursts of 400: 600 typing frames sent as fast as
            // they are answered exceed it. Sent in batches of 50, so the answers fit the 64-frame send queue.
            int limited = 0;
            for (int batch = 0; batch < 12 && limited == 0; batch++) {
                for (int i = 0; i < 50; i++) {
                    aliceWs.sendText("{\"type\":\"typing\",\"ref\":\"t" + i + "\",\"room\":\"" + room + "\",\"active\":true}");
                }
                limited += (int) aliceWs.answers("t", 50).stream()
                        .filter(a -> "rate_limited".equals(a.getString("code", null))).count();
            }
            assertTrue(limited > 0, "600 typing frames in quick batches must meet the command rate limit");
        }
    }

    @Test
    void typingInARoomThatDoesNotExistIsNotFound() {
        try (WsClient aliceWs = open(alice)) {
            for (int i = 0; i < 3; i++) {
                JsonObject answer = aliceWs.command(typing(Api.roomId("made-up"), true));
                assertEquals("not_found", answer.getString("code", "(none)"), answer::toString);
            }
        }
    }

    @Test
    void nonMemberCannotTypeInARoom() {
        try (WsClient carol = open(Api.user("carol"))) {
            assertEquals("forbidden", carol.command(typing(room, true)).getString("code"));
        }
    }

    @Test
    void channelMessagesReachSubscribersOnly() {
        String channel = channel(true);
        try (WsClient bobWs = open(bob); WsClient carolWs = open(Api.user("carol")); WsClient aliceWs = open(alice)) {
            assertEquals("ack", bobWs.command(subscribe(channel)).getString("type"));
            JsonObject ack = aliceWs.command("{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":{\"price\":42}}");
            assertEquals("ack", ack.getString("type"), ack::toString);
            JsonObject message = next(bobWs, "message");
            assertEquals(channel, message.getString("channel"));
            assertEquals(42, message.getJsonObject("data").getInt("price"));
            assertEquals(alice, message.getString("user"));
            assertFalse(message.containsKey("seq"));
            assertTrue(carolWs.drain().stream().noneMatch(f -> f.getString("type").equals("message")));

            assertEquals("ack", bobWs.command("{\"type\":\"unsubscribe\",\"channel\":\"" + channel + "\"}").getString("type"));
            aliceWs.command("{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":2}");
            assertTrue(bobWs.drain().stream().noneMatch(f -> f.getString("type").equals("message")));
        }
    }

    @Test
    void subscriptionsVanishWithTheirConnection() {
        String channel = channel(true);
        try (WsClient aliceWs = open(alice)) {
            try (WsClient bobWs = open(bob)) {
                bobWs.command(subscribe(channel));
            }
            try (WsClient bobAgain = open(bob)) {
                aliceWs.command("{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":1}");
                assertTrue(bobAgain.drain().stream().noneMatch(f -> f.getString("type").equals("message")));
            }
        }
    }

    @Test
    void channelRulesAreEnforced() {
        String serverOnly = channel(false);
        try (WsClient bobWs = open(bob)) {
            assertEquals("forbidden", bobWs.command("{\"type\":\"publish\",\"channel\":\"" + serverOnly + "\",\"data\":1}").getString("code"));
            assertEquals("not_found", bobWs.command(subscribe("no-such-" + Api.roomId("c"))).getString("code"));
            assertEquals("bad_request", bobWs.command(subscribe("Bad Name")).getString("code"));
            for (int i = 0; i < 3; i++) {
                assertEquals("ack", bobWs.command(subscribe(channel(true))).getString("type"));
            }
            assertEquals("limit_exceeded", bobWs.command(subscribe(channel(true))).getString("code"));
        }
        assertEquals(403, api.post(bob, "channels", "{\"name\":\"mine\"}").status());
    }

    @Test
    void channelsOfANamespaceExistWithoutBeingDefined() {
        // The test server's namespaces: it.open. (clients publish) and it.news.=subscribe (only the server does).
        String open = "it.open." + Api.roomId("x");
        String news = "it.news." + Api.roomId("x");
        try (WsClient bobWs = open(bob); WsClient aliceWs = open(alice)) {
            assertEquals("ack", aliceWs.command(subscribe(open)).getString("type"));
            assertEquals("ack", bobWs.command("{\"type\":\"publish\",\"channel\":\"" + open + "\",\"data\":\"hi\"}").getString("type"));
            assertEquals("hi", next(aliceWs, "message").getString("data"));

            assertEquals("ack", aliceWs.command(subscribe(news)).getString("type"));
            JsonObject refused = bobWs.command("{\"type\":\"publish\",\"channel\":\"" + news + "\",\"data\":1}");
            assertEquals("forbidden", refused.getString("code", "(none)"), refused::toString);
            assertEquals(201, api.post("it-admin", "channels/" + news + "/messages", "{\"data\":\"headline\"}").status());
            assertEquals("headline", next(aliceWs, "message").getString("data"));

            JsonObject missing = aliceWs.command(subscribe("it.closed." + Api.roomId("x")));
            assertEquals("not_found", missing.getString("code", "(none)"), "outside a namespace a channel must be defined");
        }
    }

    @Test
    void serverPublishesOnAChannelThroughTheRestApi() {
        String channel = channel(false);
        try (WsClient bobWs = open(bob)) {
            bobWs.command(subscribe(channel));
            assertEquals(201, api.post("it-admin", "channels/" + channel + "/messages", "{\"data\":\"news\",\"event\":\"flash\"}").status());
            JsonObject message = next(bobWs, "message");
            assertEquals("it-admin", message.getString("user"), "an administrator's message carries their name");
            assertEquals("flash", message.getString("event"));
        }
    }

    private String channel(boolean clientPublish) {
        String name = "ch-" + Api.roomId("x");
        assertEquals(201, api.post("it-admin", "channels", "{\"name\":\"" + name + "\",\"clientPublish\":" + clientPublish + "}").status());
        return name;
    }

    private WsClient open(String user) {
        WsClient client = WsClient.connect(base, user);
        client.next("welcome");
        return client;
    }

    private static JsonObject presenceOf(WsClient client, String user) {
        for (int i = 0; i < 20; i++) {
            JsonObject frame = client.next("presence");
            if (frame.getString("user").equals(user)) {
                return frame;
            }
        }
        throw new AssertionError("no presence of " + user);
    }

    private static JsonObject next(WsClient client, String type) {
        return client.next(type);
    }

    private static String statusIn(JsonObject whoAck, String user) {
        return whoAck.getJsonArray("members").stream().map(v -> v.asJsonObject())
                .filter(m -> m.getString("user").equals(user)).findFirst().orElseThrow().getString("status");
    }

    private static String who(String room) {
        return "{\"type\":\"who\",\"room\":\"" + room + "\"}";
    }

    private static String typing(String room, boolean active) {
        return "{\"type\":\"typing\",\"room\":\"" + room + "\",\"active\":" + active + "}";
    }

    private static String subscribe(String channel) {
        return "{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}";
    }
}
