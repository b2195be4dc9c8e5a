package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bans, mutes, kicks, the moderation log and message history through the REST API.
 */
class ModerationRestIT extends ModeratedRoomTest {

    /** An administrator of the test server (streaming.auth.admin-users). */
    private static final String ADMIN = "it-admin";

    @Override
    String prefix() {
        return "moderated";
    }

    @Test
    void bannedMemberLosesMembershipAndCannotRejoin() {
        Reply ban = api.post(moderator, "rooms/" + room + "/bans", "{\"user\":\"" + member + "\",\"reason\":\"spam\"}");
        assertEquals(201, ban.status(), ban::toString);
        assertEquals("spam", ban.json().getString("reason"));
        assertTrue(members().stream().noneMatch(m -> m.getString("user").equals(member)));

        Reply rejoin = api.post(member, "rooms/" + room + "/members", "{}");
        assertEquals(403, rejoin.status());
        assertEquals("banned", rejoin.code());
        assertTrue(rejoin.json().getString("message").contains("spam"), rejoin::toString);
    }

    @Test
    void bannedUserIsAnsweredBannedByEveryRoomCommand() {
        String id = api.post(member, "rooms/" + room + "/messages", "{\"data\":\"before\"}").json().getString("id");
        assertEquals(201, api.post(moderator, "rooms/" + room + "/bans", "{\"user\":\"" + member + "\",\"reason\":\"spam\"}").status());
        try (WsClient ws = WsClient.connect(base, member)) {
            ws.next("welcome");
            String r = "\"room\":\"" + room + "\"";
            for (String command : List.of(
                    "{\"type\":\"publish\"," + r + ",\"data\":\"again\"}",
                    "{\"type\":\"edit\"," + r + ",\"id\":\"" + id + "\",\"data\":\"changed\"}",
                    "{\"type\":\"delete\"," + r + ",\"id\":\"" + id + "\"}",
                    "{\"type\":\"history\"," + r + "}",
                    "{\"type\":\"who\"," + r + "}",
                    "{\"type\":\"typing\"," + r + ",\"active\":true}",
                    "{\"type\":\"leave\"," + r + "}",
                    "{\"type\":\"join\"," + r + "}")) {
                JsonObject answer = ws.command(command);
                assertEquals("banned", answer.getString("code", "(none)"), command + " answered " + answer);
                assertTrue(answer.getString("message").contains("spam"), answer::toString);
            }
        }
        for (Reply reply : List.of(api.post(member, "rooms/" + room + "/messages", "{\"data\":1}"),
                api.get(member, "rooms/" + room + "/messages"), api.get(member, "rooms/" + room + "/members"),
                api.get(member, "rooms/" + room + "/online"))) {
            assertEquals(403, reply.status(), reply::toString);
            assertEquals("banned", reply.code(), reply::toString);
        }
    }

    @Test
    void administratorsActThroughRestUnderTheirOwnName() {
        Reply ban = api.post(ADMIN, "rooms/" + room + "/bans", "{\"user\":\"" + member + "\"}");
        assertEquals(201, ban.status(), ban::toString);
        assertEquals(ADMIN, ban.json().getString("by"));
        JsonObject logged = api.get(owner, "rooms/" + room + "/moderation-log?limit=1").array().getJsonObject(0);
        assertEquals("banned", logged.getString("action"), logged::toString);
        assertEquals(ADMIN, logged.getString("actor"), "the moderation log names the administrator");

        assertEquals(201, api.post(ADMIN, "rooms/" + room + "/messages", "{\"data\":\"notice\"}").status());
        JsonObject message = api.get(owner, "rooms/" + room + "/messages?limit=1").json().getJsonArray("messages").getJsonObject(0);
        assertEquals(ADMIN, message.getString("user"), "an administrator's message carries their name");
    }

    @Test
    void banWithExpiryLiftsByItself() {
        api.post(moderator, "rooms/" + room + "/bans", "{\"user\":\"" + member + "\",\"untilSeconds\":2}");
        assertEquals("banned", api.post(member, "rooms/" + room + "/members", "{}").code());
        await("the ban to expire").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.post(member, "rooms/" + room + "/members", "{}").status() == 201);
    }

    @Test
    void anExpiredBanIsAnnouncedToTheRoomAsUnbanned() {
        try (WsClient ownerWs = WsClient.connect(base, owner)) {
            ownerWs.next("welcome");
            api.post(moderator, "rooms/" + room + "/bans", "{\"user\":\"" + member + "\",\"untilSeconds\":1}");
            JsonObject banned = memberFrame(ownerWs, "banned");
            assertEquals(member, banned.getString("user"));
            // The test server checks for expired bans every second.
            JsonObject unbanned = memberFrame(ownerWs, "unbanned");
            assertEquals(member, unbanned.getString("user"));
            assertEquals(room, unbanned.getString("room"));
        }
    }

    private static JsonObject memberFrame(WsClient ws, String action) {
        while (true) {
            JsonObject frame = ws.next("member");
            if (action.equals(frame.getString("action"))) {
                return frame;
            }
        }
    }

    @Test
    void unbanLetsTheUserBackIn() {
        api.post(moderator, "rooms/" + room + "/bans", "{\"user\":\"" + member + "\"}");
        assertEquals(1, api.get(moderator, "rooms/" + room + "/bans").array().size());
        assertEquals(204, api.delete(moderator, "rooms/" + room + "/bans/" + member).status());
        assertEquals(201, api.post(member, "rooms/" + room + "/members", "{}").status());
        assertEquals(404, api.delete(moderator, "rooms/" + room + "/bans/" + member).status());
    }

    @Test
    void ownerCannotBeBannedKickedOrMuted() {
        assertEquals(403, api.post(moderator, "rooms/" + room + "/bans", "{\"user\":\"" + owner + "\"}").status());
        assertEquals(403, api.post(moderator, "rooms/" + room + "/kicks", "{\"user\":\"" + owner + "\"}").status());
        assertEquals(403, api.post(moderator, "rooms/" + room + "/mutes", "{\"user\":\"" + owner + "\"}").status());
    }

    @Test
    void membersCannotModerateAndModeratorsCannotActOnTheirEquals() {
        Reply byMember = api.post(member, "rooms/" + room + "/bans", "{\"user\":\"" + moderator + "\"}");
        assertEquals(403, byMember.status());
        assertEquals("forbidden", byMember.code());
        String otherMod = Api.user("mod2");
        api.post(otherMod, "rooms/" + room + "/members", "{}");
        api.put(owner, "rooms/" + room + "/members/" + otherMod, "{\"role\":\"moderator\"}");
        assertEquals(403, api.post(moderator, "rooms/" + room + "/kicks", "{\"user\":\"" + otherMod + "\"}").status());
    }

    @Test
    void mutedMemberCannotPublishUntilUnmuted() {
        assertEquals(201, api.post(member, "rooms/" + room + "/messages", "{\"data\":{\"text\":\"hi\"}}").status());
        assertEquals(201, api.post(moderator, "rooms/" + room + "/mutes", "{\"user\":\"" + member + "\"}").status());
        Reply muted = api.post(member, "rooms/" + room + "/messages", "{\"data\":{\"text\":\"again\"}}");
        assertEquals(403, muted.status());
        assertEquals("muted", muted.code());
        assertEquals(204, api.delete(moderator, "rooms/" + room + "/mutes/" + member).status());
        assertEquals(201, api.post(member, "rooms/" + room + "/messages", "{\"data\":{\"text\":\"back\"}}").status());
    }

    @Test
    void timedMuteNamesItsEndAndEndsByItself() {
        assertEquals(201, api.post(moderator, "rooms/" + room + "/mutes",
                "{\"user\":\"" + member + "\",\"untilSeconds\":2}").status());
        Reply muted = api.post(member, "rooms/" + room + "/messages", "{\"data\":\"now\"}");
        assertEquals("muted", muted.code());
        assertTrue(muted.json().getString("message").contains(" until 20"), muted::toString);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.post(member, "rooms/" + room + "/messages", "{\"data\":\"later\"}").status() == 201);
    }

    @Test
    void kickedMemberMayJoinAgain() {
        assertEquals(204, api.post(moderator, "rooms/" + room + "/kicks", "{\"user\":\"" + member + "\",\"reason\":\"cool off\"}").status());
        assertTrue(members().stream().noneMatch(m -> m.getString("user").equals(member)));
        assertEquals(201, api.post(member, "rooms/" + room + "/members", "{}").status());
    }

    @Test
    void moderationLogRecordsEachActionNewestFirst() {
        api.post(moderator, "rooms/" + room + "/mutes", "{\"user\":\"" + member + "\"}");
        api.post(moderator, "rooms/" + room + "/kicks", "{\"user\":\"" + member + "\",\"reason\":\"noise\"}");
        Reply log = api.get(moderator, "rooms/" + room + "/moderation-log?limit=3");
        assertEquals(200, log.status(), log::toString);
        List<String> actions = log.array().stream().map(v -> v.asJsonObject().getString("action")).toList();
        assertEquals(List.of("kicked", "muted", "role"), actions);
        JsonObject kick = log.array().getJsonObject(0);
        assertEquals(moderator, kick.getString("actor"));
        assertEquals(member, kick.getString("target"));
        assertEquals("noise", kick.getString("reason"));
        assertEquals(403, api.get(member, "rooms/" + room + "/moderation-log").status());
    }

    @Test
    void historyPagesBackwardsAndSearchesText() {
        for (String text : List.of("alpha", "beta", "gamma", "beta again")) {
            assertEquals(201, api.post(member, "rooms/" + room + "/messages", "{\"data\":{\"text\":\"" + text + "\"}}").status());
        }
        Reply latest = api.get(member, "rooms/" + room + "/messages?limit=2");
        assertEquals(2, latest.json().getJsonArray("messages").size());
        assertTrue(latest.json().getBoolean("more"));
        assertEquals(4, latest.json().getJsonArray("messages").getJsonObject(1).getInt("seq"));

        Reply search = api.get(member, "rooms/" + room + "/messages?query=BETA");
        assertEquals(2, search.json().getJsonArray("messages").size(), search::toString);

        Reply older = api.get(member, "rooms/" + room + "/messages?before=3");
        assertEquals(List.of(1, 2), older.json().getJsonArray("messages").stream()
                .map(v -> v.asJsonObject().getInt("seq")).toList());
        assertEquals(JsonValue.ValueType.OBJECT, older.json().getJsonArray("messages").getJsonObject(0).get("data").getValueType());
    }

    @Test
    void searchMatchesWordsOfTheMessageTextNeverItsKeysAndFollowsEditsAndDeletes() {
        String[] datas = {"{\"text\":\"hello there\"}", "{\"text\":\"the text field\"}", "{\"text\":\"Hello, World!\"}",
                "{\"text\":\"contextual\"}"};
        String[] ids = new String[datas.length];
        for (int i = 0; i < datas.length; i++) {
            Reply published = api.post(member, "rooms/" + room + "/messages", "{\"data\":" + datas[i] + "}");
            assertEquals(201, published.status(), published::toString);
            ids[i] = published.json().getString("id");
        }
        assertEquals(List.of(2L), searched("text"), "the key 'text' and the word 'contextual' do not match");
        assertEquals(List.of(1L, 3L), searched("HELLO"));
        assertEquals(List.of(3L), searched("hello world"), "every word of the query must be there");
        assertEquals(List.of(), searched("!!"));

        try (WsClient ws = WsClient.connect(base, member)) {
            ws.next("welcome");
            JsonObject edited = ws.command("{\"type\":\"edit\",\"room\":\"" + room + "\",\"id\":\"" + ids[0]
                    + "\",\"data\":{\"text\":\"goodbye\"}}");
            assertEquals("ack", edited.getString("type"), edited::toString);
            ws.command("{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"" + ids[2] + "\"}");
        }
        assertEquals(List.of(), searched("hello"), "an edited message is found by its new text only, a deleted one not at all");
        assertEquals(List.of(1L), searched("goodbye"));
    }

    private List<Long> searched(String words) {
        Reply reply = api.get(member, "rooms/" + room + "/messages?query=" + java.net.URLEncoder.encode(words,
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("messages").stream().map(v -> v.asJsonObject().getJsonNumber("seq").longValue()).toList();
    }

    @Test
    void nonMemberCannotPublish() {
        Reply reply = api.post(Api.user("stranger"), "rooms/" + room + "/messages", "{\"data\":1}");
        assertEquals(403, reply.status());
        assertEquals("forbidden", reply.code());
    }

    private List<JsonObject> members() {
        return api.get(owner, "rooms/" + room + "/members").array().stream().map(v -> v.asJsonObject()).toList();
    }
}
