package io.huddle.streaming.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP client of the REST API for tests, acting as a development user ({@code ?user=}).
 */
public final class Api {

    /** An answer: status and JSON body (JSON null when empty). */
    public record Reply(int status, JsonValue body) {

        public JsonObject json() {
            return body.asJsonObject();
        }

        public JsonArray array() {
            return body.asJsonArray();
        }

        public String code() {
            return json().getString("code");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URL base;

    public Api(URL base) {
        this.base = base;
    }

    /** A fresh user id, so that tests never share users. */
    public static String user(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh room id. */
    /** {@code count} distinct user ids, {@code prefix} and a number each made unique as {@link #user} does. */
    public static java.util.List<String> users(String prefix, int count) {
        java.util.List<String> users = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(user(prefix + i));
        }
        return users;
    }

    /** Creates {@code count} public rooms owned by {@code owner}, ids starting with {@code prefix}; returns their ids. */
    public java.util.List<String> createRooms(String owner, String prefix, int count) {
        java.util.List<String> rooms = new java.util.ArrayList<>();
        for (int r = 0; r < count; r++) {
            String room = roomId(prefix);
            createRoom(owner, room, "");
            rooms.add(room);
        }
        return rooms;
    }

    public static String roomId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Reply get(String user, String path) {
        return send(user, path, "GET", null);
    }

    public Reply post(String user, String path, String json) {
        return send(user, path, "POST", json);
    }

    public Reply put(String user, String path, String json) {
        return send(user, path, "PUT", json);
    }

    public Reply patch(String user, String path, String json) {
        return send(user, path, "PATCH", json);
    }

    public Reply delete(String user, String path) {
        return send(user, path, "DELETE", null);
    }

    /** Creates a room owned by {@code owner} with extra JSON fields (may be empty), failing unless 201. */
    public JsonObject createRoom(String owner, String id, String extraFields) {
        Reply reply = post(owner, "rooms", "{\"id\":\"" + id + "\",\"name\":\"Room " + id + "\""
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}");
        if (reply.status() != 201) {
            throw new AssertionError("room creation failed: " + reply);
        }
        return reply.json();
    }

    /** A room with its owner, a moderator and a plain member, each a fresh user. */
    public record ModeratedRoom(String room, String owner, String moderator, String member) {
    }

    /**
     * Creates a fresh room (id starting with {@code prefix}) owned by a fresh user, with a fresh member and a fresh
     * moderator joined, failing unless every step succeeds.
     */
    public ModeratedRoom moderatedRoom(String prefix) {
        ModeratedRoom r = new ModeratedRoom(roomId(prefix), user("owner"), user("mod"), user("member"));
        createRoom(r.owner(), r.room(), "");
        for (String joining : new String[] {r.moderator(), r.member()}) {
            Reply joined = post(joining, "rooms/" + r.room() + "/members", "{}");
            if (joined.status() != 201) {
                throw new AssertionError(joining + " could not join: " + joined);
            }
        }
        Reply promoted = put(r.owner(), "rooms/" + r.room() + "/members/" + r.moderator(), "{\"role\":\"moderator\"}");
        if (promoted.status() != 200) {
            throw new AssertionError("the moderator was not promoted: " + promoted);
        }
        return r;
    }

    private Reply send(String user, String path, String method, String json) {
        String query = user == null ? "" : (path.contains("?") ? "&" : "?") + "user=" + user;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/v1/" + path + query))
                .timeout(WsClient.TIMEOUT)
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .orTimeout(WsClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        String body = response.body();
        JsonValue value = body == null || body.isBlank() ? JsonValue.NULL
                : Json.createReader(new StringReader(body)).readValue();
        return new Reply(response.statusCode(), value);
    }
}
