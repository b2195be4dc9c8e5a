package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rooms and membership through the REST API: creation, validation, ownership, privacy, limits.
 */
class RoomsRestIT extends WireTest {

    Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void creatorBecomesOwnerAndFirstMember() {
        String alice = Api.user("alice");
        String id = Api.roomId("general");
        Reply created = api.post(alice, "rooms", "{\"id\":\"" + id + "\",\"name\":\"General\",\"maxMembers\":10,"
                + "\"metadata\":{\"topic\":\"x\"}}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(alice, created.json().getString("owner"));
        assertEquals(10, created.json().getInt("maxMembers"));
        assertEquals("x", created.json().getJsonObject("metadata").getString("topic"));

        JsonObject read = api.get(alice, "rooms/" + id).json();
        assertEquals("General", read.getString("name"));
        assertFalse(read.getBoolean("private"));
        JsonObject owner = api.get(alice, "rooms/" + id + "/members").array().getJsonObject(0);
        assertEquals(alice, owner.getString("user"));
        assertEquals("owner", owner.getString("role"));
    }

    @Test
    void roomWithoutIdGetsOneFromItsName() {
        Reply created = api.post(Api.user("alice"), "rooms", "{\"name\":\"Team Chat!\"}");
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.json().getString("id").startsWith("team-chat"), created::toString);
    }

    @Test
    void badInputIsBadRequestNamingTheField() {
        String alice = Api.user("alice");
        assertBadRequest(api.post(alice, "rooms", "{\"description\":\"no name\"}"), "'name'");
        assertBadRequest(api.post(alice, "rooms", "{\"name\":\"x\",\"maxMembers\":\"ten\"}"), "'maxMembers'");
        assertBadRequest(api.post(alice, "rooms", "{\"name\":\"x\",\"maxMembers\":0}"), "'maxMembers'");
        assertBadRequest(api.post(alice, "rooms", "{\"name\":\"x\",\"id\":\"Not A Slug\"}"), "room");
        assertBadRequest(api.post(alice, "rooms", "{\"name\":\"x\",\"private\":\"yes\"}"), "'private'");
        assertBadRequest(api.post(alice, "rooms", "not json"), "JSON");
        assertBadRequest(api.get(alice, "rooms?limit=lots"), "'limit'");
    }

    @Test
    void duplicateIdIsConflictAndUnknownRoomIsNotFound() {
        String alice = Api.user("alice");
        String id = Api.roomId("dup");
        api.createRoom(alice, id, "");
        Reply again = api.post(alice, "rooms", "{\"id\":\"" + id + "\",\"name\":\"again\"}");
        assertEquals(409, again.status());
        assertEquals("conflict", again.code());
        Reply missing = api.get(alice, "rooms/" + Api.roomId("missing"));
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.code());
    }

    @Test
    void requestWithoutIdentityIsUnauthorized() {
        Reply reply = api.get(null, "rooms");
        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.code());
    }

    @Test
    void onlyAdminsAndAboveChangeTheRoom() {
        String owner = Api.user("owner");
        String member = Api.user("member");
        String id = Api.roomId("settings");
        api.createRoom(owner, id, "");
        api.post(member, "rooms/" + id + "/members", "{}");

        Reply refused = api.patch(member, "rooms/" + id, "{\"name\":\"Mine now\"}");
        assertEquals(403, refused.status());
        assertEquals("forbidden", refused.code());

        Reply changed = api.patch(owner, "rooms/" + id, "{\"name\":\"Renamed\",\"description\":\"about\"}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("Renamed", changed.json().getString("name"));
        assertEquals("about", changed.json().getString("description"));
    }

    @Test
    void privateRoomAdmitsOnlyInviteesAndCountsInviteUses() {
        String owner = Api.user("owner");
        String id = Api.roomId("secret");
        api.createRoom(owner, id, "\"private\":true");

        Reply uninvited = api.post(Api.user("bob"), "rooms/" + id + "/members", "{}");
        assertEquals(403, uninvited.status());
        assertEquals("forbidden", uninvited.code());

        String code = api.post(owner, "rooms/" + id + "/invites", "{\"maxUses\":1}").json().getString("code");
        Reply invited = api.post(Api.user("carol"), "rooms/" + id + "/members", "{\"invite\":\"" + code + "\"}");
        assertEquals(201, invited.status(), invited::toString);
        assertEquals("member", invited.json().getString("role"));

        Reply usedUp = api.post(Api.user("dave"), "rooms/" + id + "/members", "{\"invite\":\"" + code + "\"}");
        assertEquals(403, usedUp.status());
    }

    @Test
    void revokedInviteAdmitsNobody() {
        String owner = Api.user("owner");
        String id = Api.roomId("revoked");
        api.createRoom(owner, id, "\"private\":true");
        String code = api.post(owner, "rooms/" + id + "/invites", "{}").json().getString("code");
        assertEquals(204, api.delete(owner, "rooms/" + id + "/invites/" + code).status());
        assertEquals(403, api.post(Api.user("eve"), "rooms/" + id + "/members", "{\"invite\":\"" + code + "\"}").status());
    }

    @Test
    void fullRoomRefusesTheNextMember() {
        String owner = Api.user("owner");
        String id = Api.roomId("small");
        api.createRoom(owner, id, "\"maxMembers\":2");
        assertEquals(201, api.post(Api.user("second"), "rooms/" + id + "/members", "{}").status());
        Reply third = api.post(Api.user("third"), "rooms/" + id + "/members", "{}");
        assertEquals(409, third.status());
        assertEquals("room_full", third.code());
    }

    @Test
    void joinsToALimitedRoomAtOnceAdmitExactlyUpToTheLimit() {
        String owner = Api.user("owner");
        String id = Api.roomId("crowded");
        api.createRoom(owner, id, "\"maxMembers\":5");
        List<Reply> replies = atOnce(24, i -> api.post(Api.user("crowd" + i), "rooms/" + id + "/members", "{}"));
        assertEquals(4, replies.stream().filter(r -> r.status() == 201).count(), replies::toString);
        assertEquals(20, replies.stream().filter(r -> r.status() == 409 && "room_full".equals(r.code())).count(),
                replies::toString);
        assertEquals(5, api.get(owner, "rooms/" + id + "/members").array().size());
    }

    @Test
    void oneUserJoiningManyTimesAtOnceBecomesOneMember() {
        String owner = Api.user("owner");
        String bob = Api.user("bob");
        String id = Api.roomId("eager");
        api.createRoom(owner, id, "");
        List<Reply> replies = atOnce(12, i -> api.post(bob, "rooms/" + id + "/members", "{}"));
        assertTrue(replies.stream().allMatch(r -> r.status() == 201), replies::toString);
        // One membership: every answer gives its join time (the first as it was made, the others as stored).
        List<Instant> joinedAt = replies.stream().map(r -> Instant.parse(r.json().getString("joinedAt"))).toList();
        assertTrue(Duration.between(Collections.min(joinedAt), Collections.max(joinedAt)).toNanos() < 1_000,
                replies::toString);
        assertEquals(2, api.get(owner, "rooms/" + id + "/members").array().size());
    }

    /** Sends {@code n} requests at the same time and returns their replies in order. */
    private static List<Reply> atOnce(int n, IntFunction<Reply> request) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> pending = IntStream.range(0, n).mapToObj(i -> pool.submit(() -> {
                start.await();
                return request.apply(i);
            })).toList();
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> reply : pending) {
                replies.add(reply.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } catch (Exception e) {
            throw new AssertionError("the requests sent at once did not all answer", e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void joiningTwiceIsHarmless() {
        String owner = Api.user("owner");
        String bob = Api.user("bob");
        String id = Api.roomId("twice");
        api.createRoom(owner, id, "");
        assertEquals(201, api.post(bob, "rooms/" + id + "/members", "{}").status());
        assertEquals(201, api.post(bob, "rooms/" + id + "/members", "{}").status());
        assertEquals(2, api.get(owner, "rooms/" + id + "/members").array().size());
    }

    @Test
    void userInTheMaximumNumberOfRoomsCannotJoinAnother() {
        String busy = Api.user("busy");
        for (int i = 0; i < 50; i++) {
            api.createRoom(busy, Api.roomId("many" + i), "");
        }
        Reply over = api.post(busy, "rooms", "{\"name\":\"one too many\"}");
        assertEquals(409, over.status(), over::toString);
        assertEquals("limit_exceeded", over.code());

        String other = Api.roomId("other");
        api.createRoom(Api.user("owner"), other, "");
        assertEquals("limit_exceeded", api.post(busy, "rooms/" + other + "/members", "{}").code());
    }

    @Test
    void ownerLeavingHandsTheRoomToTheHighestRankingMember() {
        String owner = Api.user("owner");
        String admin = Api.user("admin");
        String member = Api.user("member");
        String id = Api.roomId("handover");
        api.createRoom(owner, id, "");
        api.post(member, "rooms/" + id + "/members", "{}");
        api.post(admin, "rooms/" + id + "/members", "{}");
        assertEquals(200, api.put(owner, "rooms/" + id + "/members/" + admin, "{\"role\":\"admin\"}").status());

        assertEquals(204, api.delete(owner, "rooms/" + id + "/members/" + owner).status());
        assertEquals(admin, api.get(admin, "rooms/" + id).json().getString("owner"));
    }

    @Test
    void ownerAloneCannotLeave() {
        String owner = Api.user("owner");
        String id = Api.roomId("alone");
        api.createRoom(owner, id, "");
        Reply reply = api.delete(owner, "rooms/" + id + "/members/" + owner);
        assertEquals(409, reply.status());
        assertEquals("conflict", reply.code());
    }

    @Test
    void ownershipTransferMakesTheFormerOwnerAnAdmin() {
        String owner = Api.user("owner");
        String heir = Api.user("heir");
        String id = Api.roomId("transfer");
        api.createRoom(owner, id, "");
        api.post(heir, "rooms/" + id + "/members", "{}");
        assertEquals(403, api.put(heir, "rooms/" + id + "/owner", "{\"user\":\"" + heir + "\"}").status());

        Reply moved = api.put(owner, "rooms/" + id + "/owner", "{\"user\":\"" + heir + "\"}");
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(heir, moved.json().getString("owner"));
        JsonObject former = api.get(heir, "rooms/" + id + "/members").array().stream()
                .map(v -> v.asJsonObject()).filter(m -> m.getString("user").equals(owner)).findFirst().orElseThrow();
        assertEquals("admin", former.getString("role"));
    }

    @Test
    void roleChangesNeedToRankAboveTheNewRole() {
        String owner = Api.user("owner");
        String admin = Api.user("admin");
        String member = Api.user("member");
        String id = Api.roomId("roles");
        api.createRoom(owner, id, "");
        api.post(admin, "rooms/" + id + "/members", "{}");
        api.post(member, "rooms/" + id + "/members", "{}");
        api.put(owner, "rooms/" + id + "/members/" + admin, "{\"role\":\"admin\"}");

        assertEquals(403, api.put(admin, "rooms/" + id + "/members/" + member, "{\"role\":\"admin\"}").status());
        assertEquals("moderator", api.put(admin, "rooms/" + id + "/members/" + member, "{\"role\":\"moderator\"}")
                .json().getString("role"));
        assertEquals(403, api.put(owner, "rooms/" + id + "/members/" + member, "{\"role\":\"owner\"}").status());
        assertBadRequest(api.put(owner, "rooms/" + id + "/members/" + member, "{\"role\":\"king\"}"), "'role'");
    }

    @Test
    void archivedRoomRefusesJoinsUntilRestored() {
        String owner = Api.user("owner");
        String id = Api.roomId("archive");
        api.createRoom(owner, id, "");
        assertTrue(api.post(owner, "rooms/" + id + "/archive", "{}").json().getBoolean("archived"));
        assertEquals(403, api.post(Api.user("late"), "rooms/" + id + "/members", "{}").status());
        assertFalse(api.delete(owner, "rooms/" + id + "/archive").json().getBoolean("archived"));
        assertEquals(201, api.post(Api.user("late"), "rooms/" + id + "/members", "{}").status());
    }

    @Test
    void onlyTheOwnerDeletesTheRoom() {
        String owner = Api.user("owner");
        String admin = Api.user("admin");
        String id = Api.roomId("gone");
        api.createRoom(owner, id, "");
        api.post(admin, "rooms/" + id + "/members", "{}");
        api.put(owner, "rooms/" + id + "/members/" + admin, "{\"role\":\"admin\"}");
        assertEquals(403, api.delete(admin, "rooms/" + id).status());
        assertEquals(204, api.delete(owner, "rooms/" + id).status());
        assertEquals(404, api.get(owner, "rooms/" + id).status());
    }

    @Test
    void openApiDocumentDescribesTheRestApiUnderItsOwnPath() {
        java.net.http.HttpResponse<String> doc = java.net.http.HttpClient.newHttpClient().sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "openapi")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).join();
        assertEquals(200, doc.statusCode());
        assertTrue(doc.body().contains("/api/v1/rooms/{room}/bans:"), doc.body());
        assertFalse(doc.body().contains("/sse/rooms"), "REST paths must not appear under the SSE application's path");
    }

    private static void assertBadRequest(Reply reply, String mentioned) {
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("bad_request", reply.code());
        assertTrue(reply.json().getString("message").contains(mentioned), reply::toString);
    }
}
