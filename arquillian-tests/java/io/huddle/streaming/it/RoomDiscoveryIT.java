package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Room discovery over REST and WebSocket: words in the name or description, tags, category, member counts, paging,
 * and private rooms kept from everyone but their members.
 */
class RoomDiscoveryIT extends WireTest {

    Api api;
    String owner;
    /** A word no other test's rooms hold, so a search sees only this test's rooms. */
    String word;

    @BeforeEach
    void client() {
        api = new Api(base);
        owner = Api.user("owner");
        word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void roomsAreFoundByWordsTagAndCategoryWithTheirMemberCounts() {
        String chess = room("\"description\":\"Chess " + word + "\",\"tags\":[\"Games\",\"board\"],\"category\":\"hobbies\"");
        String go = room("\"description\":\"all about " + word.toUpperCase() + " and go\","
                + "\"tags\":[\"games\"],\"category\":\"hobbies\"");
        String news = room("\"description\":\"News " + word + "\",\"tags\":[\"news\"],\"category\":\"media\"");
        for (String user : List.of(Api.user("a"), Api.user("b"))) {
            assertEquals(201, api.post(user, "rooms/" + go + "/members", "{}").status());
        }

        List<JsonObject> byWord = search("q=" + word);
        assertEquals(List.of(chess, go, news).stream().sorted().toList(), ids(byWord));
        assertEquals(3, byWord.stream().filter(r -> r.getString("id").equals(go)).findFirst().orElseThrow().getInt("members"));
        assertEquals(List.of("games", "board"), byWord.stream().filter(r -> r.getString("id").equals(chess)).findFirst()
                .orElseThrow().getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList(), "tags are kept lowercased, in order");
        assertEquals(List.of(chess, go).stream().sorted().toList(), ids(search("q=" + word + "&tag=games")));
        assertEquals(List.of(news), ids(search("q=" + word + "&category=media")));
        assertEquals(List.of(), ids(search("q=" + word + "&tag=gam")), "a tag matches whole");

        try (WsClient ws = WsClient.connect(base, Api.user("reader"))) {
            ws.next("welcome");
            JsonObject found = ws.command("{\"type\":\"rooms\",\"query\":\"" + word + "\",\"category\":\"hobbies\"}");
            assertEquals("ack", found.getString("type"), found::toString);
            assertEquals(List.of(chess, go).stream().sorted().toList(), ids(found.getJsonArray("rooms").getValuesAs(JsonObject.class)));
            assertFalse(found.getBoolean("more"));
        }
    }

    @Test
    void privateRoomsAppearOnlyToTheirMembersAndAdministrators() {
        String open = room("\"description\":\"Open " + word + "\"");
        String secret = room("\"description\":\"Secret " + word + "\",\"private\":true");
        assertEquals(List.of(open), ids(searchAs(Api.user("stranger"), "q=" + word)));
        assertEquals(List.of(open, secret).stream().sorted().toList(), ids(searchAs(owner, "q=" + word)));
        assertEquals(List.of(open, secret).stream().sorted().toList(), ids(searchAs("it-admin", "q=" + word)));
    }

    @Test
    void searchesArePagedInIdOrder() {
        for (int i = 0; i < 3; i++) {
            room("\"description\":\"Paged " + word + " " + i + "\"");
        }
        Reply first = api.get(owner, "rooms?q=" + word + "&limit=2");
        assertTrue(first.json().getBoolean("more"), first::toString);
        List<String> page = ids(first.json().getJsonArray("rooms").getValuesAs(JsonObject.class));
        Reply second = api.get(owner, "rooms?q=" + word + "&limit=2&after=" + page.get(1));
        assertFalse(second.json().getBoolean("more"), second::toString);
        assertEquals(1, second.json().getJsonArray("rooms").size());
    }

    @Test
    void tagsAndCategoryChangeLiveAndBadOnesAreRefused() {
        String id = room("\"description\":\"Tagged " + word + "\",\"tags\":[\"old\"]");
        try (WsClient ws = WsClient.connect(base, owner)) {
            ws.next("welcome");
            Reply changed = api.patch(owner, "rooms/" + id, "{\"tags\":[\"new\",\"more\"],\"category\":\"sport\"}");
            assertEquals(200, changed.status(), changed::toString);
            JsonObject frame = ws.next("room");
            assertEquals("sport", frame.getString("category"), frame::toString);
            assertEquals(2, frame.getJsonArray("tags").size(), frame::toString);
        }
        assertEquals(List.of(id), ids(search("q=" + word + "&tag=more")));
        assertEquals(List.of(), ids(search("q=" + word + "&tag=old")));
        assertEquals(200, api.patch(owner, "rooms/" + id, "{\"category\":null,\"tags\":[]}").status());
        JsonObject cleared = api.get(owner, "rooms/" + id).json();
        assertFalse(cleared.containsKey("category"), cleared::toString);
        assertEquals(0, cleared.getJsonArray("tags").size());

        String eleven = String.join(",", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "\"t" + i + "\"").toList());
        for (String bad : List.of("\"tags\":[\"has space\"]", "\"tags\":[\"" + "x".repeat(33) + "\"]", "\"tags\":[" + eleven + "]",
                "\"tags\":\"one\"", "\"category\":\"" + "c".repeat(65) + "\"")) {
            Reply refused = api.post(owner, "rooms", "{\"name\":\"Bad\"," + bad + "}");
            assertEquals(400, refused.status(), bad + " answered " + refused);
        }
        assertEquals(400, api.get(owner, "rooms?tag=Not%20A%20Tag").status());
        assertEquals(List.of(), ids(search("q=%25")), "like's wildcards are taken literally");
    }

    private String room(String fields) {
        String id = Api.roomId("disc");
        api.createRoom(owner, id, fields);
        return id;
    }

    private List<JsonObject> search(String query) {
        return searchAs(owner, query);
    }

    private List<JsonObject> searchAs(String user, String query) {
        Reply reply = api.get(user, "rooms?" + query + "&limit=200");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("rooms").getValuesAs(JsonObject.class);
    }

    private static List<String> ids(List<JsonObject> rooms) {
        return rooms.stream().map(r -> r.getString("id")).toList();
    }
}
