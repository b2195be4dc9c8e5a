package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.SseClient;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pinned messages over WebSocket, SSE and REST: who may pin, what the room sees, the limit per room (5 on the test
 * server), and what deleting a pinned message does.
 */
class PinsIT extends ModeratedRoomTest {

    @Override
    String prefix() {
        return "pins";
    }

    @Test
    void aPinIsAnnouncedToTheRoomAndListedLatestFirst() {
        String first = post(member, "first");
        String second = post(owner, "second");
        try (WsClient mod = WsClient.connect(base, moderator); WsClient mem = WsClient.connect(base, member)) {
            mod.next("welcome");
            mem.next("welcome");
            JsonObject ack = mod.command(pin(first));
            assertEquals("ack", ack.getString("type"), ack::toString);
            assertEquals(first, ack.getJsonObject("pin").getJsonObject("message").getString("id"));
            assertEquals(moderator, ack.getJsonObject("pin").getString("pinnedBy"));
            JsonObject frame = mem.next("pin");
            assertEquals("pinned", frame.getString("action"), frame::toString);
            assertEquals(first, frame.getString("id"));
            assertEquals(moderator, frame.getString("by"));
            assertEquals("first", frame.getJsonObject("message").getString("data"), frame::toString);

            Reply rest = api.put(owner, "rooms/" + room + "/pins/" + second, null);
            assertEquals(200, rest.status(), rest::toString);
            assertEquals(second, mem.next("pin").getString("id"));

            JsonObject again = mod.command(pin(first));
            assertEquals(ack.getJsonObject("pin").getString("pinnedAt"), again.getJsonObject("pin").getString("pinnedAt"),
                    "pinning a pinned message keeps the pin: " + again);

            JsonObject listed = mem.command("{\"type\":\"pins\",\"room\":\"" + room + "\"}");
            List<JsonObject> pins = listed.getJsonArray("pins").getValuesAs(JsonObject.class);
            assertEquals(List.of(second, first), pinnedIds(pins));
            assertEquals(frame.getJsonObject("message").getString("ts"), pins.get(1).getJsonObject("message").getString("ts"),
                    "a message's time is the same live and read back");
            assertEquals(frame.getString("at"), pins.get(1).getString("pinnedAt"));
            assertEquals(List.of(second, first), restPins(member));
            assertTrue(mem.drain().stream().noneMatch(f -> "pin".equals(f.getString("type"))),
                    "a repeated pin announces nothing");

            assertEquals("ack", mod.command(unpin(first)).getString("type"));
            JsonObject unpinned = mem.next("pin");
            assertEquals("unpinned", unpinned.getString("action"), unpinned::toString);
            assertEquals(first, unpinned.getString("id"));
            assertEquals(List.of(second), restPins(owner));
        }
    }

    @Test
    void onlyModeratorsPinAndBadTargetsAreRefused() {
        String message = post(member, "mine");
        try (WsClient mem = WsClient.connect(base, member); WsClient mod = WsClient.connect(base, moderator)) {
            mem.next("welcome");
            mod.next("welcome");
            assertEquals("forbidden", mem.command(pin(message)).getString("code", "(none)"), "members do not pin");
            assertEquals(403, api.put(Api.user("stranger"), "rooms/" + room + "/pins/" + message, null).status());
            assertEquals("not_found", mod.command(pin("no-such-message")).getString("code", "(none)"));
            assertEquals("not_found", mod.command(unpin(message)).getString("code", "(none)"), "not pinned");
            assertEquals("bad_request", mod.command("{\"type\":\"pin\",\"room\":\"" + room + "\"}").getString("code"));
            assertEquals(404, api.put(moderator, "rooms/" + Api.roomId("none") + "/pins/" + message, null).status());

            String other = Api.roomId("other");
            api.createRoom(owner, other, "");
            String elsewhere = post(owner, other, "elsewhere");
            assertEquals("not_found", mod.command(pin(elsewhere)).getString("code", "(none)"),
                    "a message of another room is not in this one");

            JsonObject deleted = mem.command("{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"" + message + "\"}");
            assertEquals("ack", deleted.getString("type"), deleted::toString);
            assertEquals("not_found", mod.command(pin(message)).getString("code", "(none)"), "deleted messages are not pinned");

            String kept = post(owner, "kept");
            String late = post(owner, "late");
            assertEquals("ack", mod.command(pin(kept)).getString("type"));
            assertEquals(200, api.post(owner, "rooms/" + room + "/archive", "{}").status());
            JsonObject archived = mod.command(pin(late));
            assertEquals("forbidden", archived.getString("code", "(none)"), archived::toString);
            assertTrue(archived.getString("message").contains("archived"), archived::toString);
            assertEquals("forbidden", mod.command(unpin(kept)).getString("code", "(none)"));
            assertEquals(1, restPins(member).size(), "an archived room's pins stay readable");
        }
    }

    @Test
    void deletingAPinnedMessageUnpinsItAndSaysSo() {
        String message = post(member, "soon gone");
        assertEquals(200, api.put(moderator, "rooms/" + room + "/pins/" + message, null).status());
        try (WsClient mem = WsClient.connect(base, member); WsClient watcher = WsClient.connect(base, owner)) {
            mem.next("welcome");
            watcher.next("welcome");
            JsonObject deleted = mem.command("{\"type\":\"delete\",\"room\":\"" + room + "\",\"id\":\"" + message + "\"}");
            assertEquals("ack", deleted.getString("type"), deleted::toString);
            assertEquals(message, watcher.next("deleted").getString("id"));
            JsonObject unpinned = watcher.next("pin");
            assertEquals("unpinned", unpinned.getString("action"), unpinned::toString);
            assertEquals(member, unpinned.getString("by"));
        }
        assertEquals(List.of(), restPins(owner));
    }

    @Test
    void theRoomsPinLimitHoldsUnderConcurrentPins() {
        List<String> messages = new ArrayList<>();
        for (String author : List.of(owner, moderator, member)) {
            for (int i = 0; i < 3; i++) {
                messages.add(post(author, author + " " + i));
            }
        }
        try (WsClient a = WsClient.connect(base, moderator); WsClient b = WsClient.connect(base, owner)) {
            a.next("welcome");
            b.next("welcome");
            CompletableFuture<List<JsonObject>> one = CompletableFuture.supplyAsync(
                    () -> a.pipeline(pins("a", messages.subList(0, 4)), "a", 4));
            CompletableFuture<List<JsonObject>> two = CompletableFuture.supplyAsync(
                    () -> b.pipeline(pins("b", messages.subList(4, 9)), "b", 5));
            List<JsonObject> answers = new ArrayList<>(one.join());
            answers.addAll(two.join());
            assertEquals(9, answers.size());
            assertEquals(5, answers.stream().filter(x -> "ack".equals(x.getString("type"))).count(), answers::toString);
            assertTrue(answers.stream().filter(x -> !"ack".equals(x.getString("type")))
                    .allMatch(x -> "limit_exceeded".equals(x.getString("code"))), answers::toString);
        }
        assertEquals(5, restPins(member).size());
    }

    @Test
    void privateRoomPinsAreForMembersAndBannedUsersAreToldTheyAreBanned() {
        String secret = Api.roomId("secret");
        api.createRoom(owner, secret, "\"private\":true");
        String stranger = Api.user("stranger");
        Reply refused = api.get(stranger, "rooms/" + secret + "/pins");
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("forbidden", refused.code());
        assertEquals(200, api.get(stranger, "rooms/" + room + "/pins").status(), "a public room's pins are public");

        assertEquals(201, api.post(moderator, "rooms/" + room + "/bans", "{\"user\":\"" + member + "\"}").status());
        assertEquals("banned", api.get(member, "rooms/" + room + "/pins").code());
    }

    @Test
    void aModeratorPinsOverSse() {
        String message = post(member, "over sse");
        try (SseClient stream = SseClient.open(base, moderator, "")) {
            String connection = stream.next().data().getString("connection");
            HttpResponse<String> answer = stream.post(connection, pin(message));
            assertEquals(200, answer.statusCode(), answer.body());
            JsonObject ack = Json.createReader(new StringReader(answer.body())).readObject();
            assertEquals(message, ack.getJsonObject("pin").getJsonObject("message").getString("id"), ack::toString);
            HttpResponse<String> listed = stream.post(connection, "{\"type\":\"pins\",\"room\":\"" + room + "\"}");
            assertTrue(listed.body().contains(message), listed.body());
        }
        assertFalse(restPins(owner).isEmpty());
    }

    private List<String> pins(String refPrefix, List<String> ids) {
        return IntStream.range(0, ids.size())
                .mapToObj(i -> pin(ids.get(i)).replaceFirst("\\{", "{\"ref\":\"" + refPrefix + i + "\",")).toList();
    }

    private List<String> restPins(String user) {
        Reply reply = api.get(user, "rooms/" + room + "/pins");
        assertEquals(200, reply.status(), reply::toString);
        return pinnedIds(reply.json().getJsonArray("pins").getValuesAs(JsonObject.class));
    }

    private static List<String> pinnedIds(List<JsonObject> pins) {
        return pins.stream().map(p -> p.getJsonObject("message").getString("id")).toList();
    }

    private String post(String user, String text) {
        return post(user, room, text);
    }

    private String post(String user, String inRoom, String text) {
        Reply reply = api.post(user, "rooms/" + inRoom + "/messages", "{\"data\":\"" + text + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getString("id");
    }

    private String pin(String id) {
        return "{\"type\":\"pin\",\"room\":\"" + room + "\",\"id\":\"" + id + "\"}";
    }

    private String unpin(String id) {
        return "{\"type\":\"unpin\",\"room\":\"" + room + "\",\"id\":\"" + id + "\"}";
    }
}
