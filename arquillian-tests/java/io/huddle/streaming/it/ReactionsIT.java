package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reactions over WebSocket and REST: live frames, counts and "mine" in history pages and replays, one reaction per
 * user, the limit of distinct reactions per message (3 on the test server) under concurrent reactions, and who may
 * react.
 */
class ReactionsIT extends ModeratedRoomTest {

    private static final String THUMBS_UP = "\uD83D\uDC4D";

    String message;

    @Override
    String prefix() {
        return "react";
    }

    @BeforeEach
    void aMessage() {
        Reply posted = api.post(owner, "rooms/" + room + "/messages", "{\"data\":\"react to me\"}");
        assertEquals(201, posted.status(), posted::toString);
        message = posted.json().getString("id");
    }

    @Test
    void aReactionIsAnnouncedAndCountedWithMineInHistoryAndReplays() {
        try (WsClient mem = WsClient.connect(base, member); WsClient ownerWs = WsClient.connect(base, owner)) {
            mem.next("welcome");
            ownerWs.next("welcome");
            JsonObject ack = mem.command(react(THUMBS_UP));
            assertEquals("ack", ack.getString("type"), ack::toString);
            assertEquals(1, ack.getInt("count"));
            JsonObject frame = ownerWs.next("reaction");
            assertEquals("added", frame.getString("action"), frame::toString);
            assertEquals(THUMBS_UP, frame.getString("reaction"));
            assertEquals(member, frame.getString("user"));
            assertEquals(message, frame.getString("id"));

            Reply rest = api.put(owner, "rooms/" + room + "/messages/" + message + "/reactions/"
                    + URLEncoder.encode(THUMBS_UP, StandardCharsets.UTF_8), null);
            assertEquals(200, rest.status(), rest::toString);
            assertEquals(2, rest.json().getInt("count"));
            assertEquals(1, mem.next("reaction").getInt("count"), "the reactor's own connections hear it too");
            assertEquals(2, mem.next("reaction").getInt("count"));
            assertEquals(2, mem.command(react(THUMBS_UP)).getInt("count"), "a second time changes nothing");
            assertEquals("ack", mem.command(react("party")).getString("type"));
            List<JsonObject> heard = ownerWs.drain().stream().filter(f -> "reaction".equals(f.getString("type"))).toList();
            assertEquals(List.of(THUMBS_UP + " by " + owner, "party by " + member), heard.stream()
                    .map(f -> f.getString("reaction") + " by " + f.getString("user")).toList(),
                    "a repeated reaction announces nothing");
        }
        List<JsonObject> mine = reactionsInHistory(member);
        assertEquals(List.of(THUMBS_UP, "party"), mine.stream().map(x -> x.getString("reaction")).toList(), mine::toString);
        assertEquals(2, mine.get(0).getInt("count"));
        assertTrue(mine.get(0).getBoolean("me") && mine.get(1).getBoolean("me"));
        List<JsonObject> moderators = reactionsInHistory(moderator);
        assertTrue(moderators.stream().noneMatch(x -> x.getBoolean("me")), moderators::toString);

        try (WsClient late = WsClient.connect(base, moderator)) {
            late.next("welcome");
            late.sendText("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":0,\"ref\":\"j\"}");
            JsonObject replayed = late.next("message");
            assertEquals(2, replayed.getJsonArray("reactions").size(), replayed::toString);
        }
    }

    @Test
    void unreactingRemovesOnlyOnesOwnReaction() {
        try (WsClient mem = WsClient.connect(base, member); WsClient mod = WsClient.connect(base, moderator)) {
            mem.next("welcome");
            mod.next("welcome");
            mem.command(react("ok"));
            assertEquals(2, mod.command(react("ok")).getInt("count"));
            JsonObject removed = mem.command(unreact("ok"));
            assertEquals(1, removed.getInt("count"), removed::toString);
            JsonObject frame = mod.next("reaction");
            while (!"removed".equals(frame.getString("action"))) {
                frame = mod.next("reaction");
            }
            assertEquals(1, frame.getInt("count"));
            assertEquals("not_found", mem.command(unreact("ok")).getString("code", "(none)"));
        }
        assertEquals(1, reactionsInHistory(owner).get(0).getInt("count"));
    }

    @Test
    void aMessageTakesAtMostTheLimitOfDistinctReactionsUnderConcurrentReactions() {
        try (WsClient a = WsClient.connect(base, member); WsClient b = WsClient.connect(base, moderator)) {
            a.next("welcome");
            b.next("welcome");
            CompletableFuture<List<JsonObject>> one = CompletableFuture.supplyAsync(() -> a.pipeline(reacts("a", 0), "a", 4));
            CompletableFuture<List<JsonObject>> two = CompletableFuture.supplyAsync(() -> b.pipeline(reacts("b", 4), "b", 4));
            List<JsonObject> answers = new ArrayList<>(one.join());
            answers.addAll(two.join());
            assertEquals(3, answers.stream().filter(x -> "ack".equals(x.getString("type"))).count(), answers::toString);
            assertTrue(answers.stream().filter(x -> !"ack".equals(x.getString("type")))
                    .allMatch(x -> "limit_exceeded".equals(x.getString("code"))), answers::toString);
            String given = reactionsInHistory(owner).get(0).getString("reaction");
            JsonObject sameAgain = b.command(react(given));
            assertEquals("ack", sameAgain.getString("type"), "a reaction already given does not count again: " + sameAgain);
        }
        assertEquals(3, reactionsInHistory(owner).size());
    }

    @Test
    void onlyMembersWhoMayPublishReactAndBadReactionsAreRefused() {
        String stranger = Api.user("stranger");
        assertEquals(403, api.put(stranger, "rooms/" + room + "/messages/" + message + "/reactions/ok", null).status());
        assertEquals(201, api.post(moderator, "rooms/" + room + "/mutes", "{\"user\":\"" + member + "\"}").status());
        try (WsClient mem = WsClient.connect(base, member); WsClient ownerWs = WsClient.connect(base, owner)) {
            mem.next("welcome");
            ownerWs.next("welcome");
            assertEquals("muted", mem.command(react("ok")).getString("code", "(none)"));
            for (String bad : List.of("has space", "x".repeat(33), "", "tab\there")) {
                JsonObject answer = ownerWs.command(react(bad));
                assertEquals("bad_request", answer.getString("code", "(none)"), "'" + bad + "' answered " + answer);
            }
            assertEquals("not_found", ownerWs.command("{\"type\":\"react\",\"room\":\"" + room
                    + "\",\"id\":\"nope\",\"reaction\":\"ok\"}").getString("code", "(none)"));
            assertEquals("ack", ownerWs.command("{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"" + message + "\"}")
                    .getString("type"));
            assertEquals("not_found", ownerWs.command(react("ok")).getString("code", "(none)"), "deleted messages take none");
        }
    }

    private List<JsonObject> reactionsInHistory(String user) {
        JsonObject m = api.get(user, "rooms/" + room + "/messages").json().getJsonArray("messages")
                .getValuesAs(JsonObject.class).stream().filter(x -> message.equals(x.getString("id"))).findFirst()
                .orElseThrow();
        return m.containsKey("reactions") ? m.getJsonArray("reactions").getValuesAs(JsonObject.class) : List.of();
    }

    private List<String> reacts(String refPrefix, int from) {
        return IntStream.range(from, from + 4).mapToObj(i -> react("r" + i)
                .replaceFirst("\\{", "{\"ref\":\"" + refPrefix + i + "\",")).toList();
    }

    private String react(String reaction) {
        return "{\"type\":\"react\",\"room\":\"" + room + "\",\"id\":\"" + message + "\",\"reaction\":\""
                + reaction.replace("\t", "\\t") + "\"}";
    }

    private String unreact(String reaction) {
        return "{\"type\":\"unreact\",\"room\":\"" + room + "\",\"id\":\"" + message + "\",\"reaction\":\"" + reaction + "\"}";
    }
}
