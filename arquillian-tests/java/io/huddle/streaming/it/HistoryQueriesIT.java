package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The narrower history queries: a thread's replies and one author's messages, paged like the whole history, over
 * WebSocket and REST.
 */
class HistoryQueriesIT extends ModeratedRoomTest {


    @Override
    String prefix() {
        return "queries";
    }

    @Test
    void aModeratorPagesOneMembersMessagesNewestFirstPageByPage() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(post(member, "{\"data\":\"m" + i + "\"}"));
            post(owner, "{\"data\":\"o" + i + "\"}");
        }
        try (WsClient mod = WsClient.connect(base, moderator)) {
            mod.next("welcome");
            JsonObject newest = mod.command(history("\"author\":\"" + member + "\",\"limit\":3"));
            assertEquals("ack", newest.getString("type"), newest::toString);
            assertEquals(mine.subList(2, 5), ids(newest));
            assertTrue(newest.getBoolean("more"));
            long oldestSeq = newest.getJsonArray("messages").getJsonObject(0).getJsonNumber("seq").longValue();
            JsonObject older = mod.command(history("\"author\":\"" + member + "\",\"limit\":3,\"before\":" + oldestSeq));
            assertEquals(mine.subList(0, 2), ids(older));
            assertFalse(older.getBoolean("more"));
        }
        Reply rest = api.get(moderator, "rooms/" + room + "/messages?author=" + member + "&limit=10");
        assertEquals(200, rest.status(), rest::toString);
        assertEquals(mine, rest.json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("id")).toList());
        Reply searched = api.get(moderator, "rooms/" + room + "/messages?author=" + owner + "&query=o3");
        assertEquals(1, searched.json().getJsonArray("messages").size(), searched::toString);
    }

    @Test
    void membersPageTheirOwnMessagesButNotOthersAndBadAuthorsAreRefused() {
        String own = post(member, "{\"data\":\"own\"}");
        post(owner, "{\"data\":\"owner's\"}");
        try (WsClient mem = WsClient.connect(base, member)) {
            mem.next("welcome");
            JsonObject mine = mem.command(history("\"author\":\"" + member + "\""));
            assertEquals(List.of(own), ids(mine));
            JsonObject others = mem.command(history("\"author\":\"" + owner + "\""));
            assertEquals("forbidden", others.getString("code", "(none)"), others::toString);
            for (String bad : List.of("\"author\":\"\"", "\"author\":\"has space\"", "\"author\":7")) {
                JsonObject answer = mem.command(history(bad));
                assertEquals("bad_request", answer.getString("code", "(none)"), bad + " answered " + answer);
            }
        }
        assertEquals(403, api.get(member, "rooms/" + room + "/messages?author=" + owner).status());
    }

    @Test
    void aThreadsRepliesArePagedWithoutTheRestOfTheRoom() {
        String root = post(owner, "{\"data\":\"question\"}");
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(post(i % 2 == 0 ? member : moderator, "{\"data\":\"answer " + i + "\",\"thread\":\"" + root + "\"}"));
            post(owner, "{\"data\":\"elsewhere " + i + "\"}");
        }
        try (WsClient mem = WsClient.connect(base, member)) {
            mem.next("welcome");
            JsonObject page = mem.command(history("\"thread\":\"" + root + "\",\"limit\":2,\"after\":0"));
            assertEquals(replies.subList(0, 2), ids(page), "paging forward from the thread's start");
            assertTrue(page.getBoolean("more"));
            assertTrue(page.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .allMatch(m -> root.equals(m.getString("thread"))), page::toString);
            JsonObject byOne = mem.command(history("\"thread\":\"" + root + "\",\"author\":\"" + member + "\""));
            assertEquals(List.of(replies.get(0), replies.get(2)), ids(byOne));
        }
        Reply rest = api.get(member, "rooms/" + room + "/messages?thread=" + root);
        assertEquals(replies, rest.json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("id")).toList());
    }

    private String post(String user, String body) {
        Reply reply = api.post(user, "rooms/" + room + "/messages", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getString("id");
    }

    private String history(String fields) {
        return "{\"type\":\"history\",\"room\":\"" + room + "\"," + fields + "}";
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }
}
