package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Api.Reply;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what, as a table: every REST route and every room command over the socket, tried by each kind of
 * caller in a room of its own (public, with an owner, a room admin, a moderator and a member who posted one
 * message), against the status or answer the README's permission table and docs/PROTOCOL.md give. Every
 * mismatch is reported at once.
 */
class AuthorizationMatrixIT extends WireTest {

    /** The kinds of caller, in the order of each row's expectations. */
    enum Role { STRANGER, MEMBER, MODERATOR, ROOM_ADMIN, OWNER, ADMINISTRATOR }

    private static final String ADMINISTRATOR = "it-admin";

    /** A room set up for one cell of the table. */
    record Room(String id, String owner, String admin, String moderator, String member, String message) {
        String user(Role role, String stranger) {
            return switch (role) {
                case STRANGER -> stranger;
                case MEMBER -> member;
                case MODERATOR -> moderator;
                case ROOM_ADMIN -> admin;
                case OWNER -> owner;
                case ADMINISTRATOR -> ADMINISTRATOR;
            };
        }
    }

    /** One REST route: how to call it in a room, and the status expected for each role, in {@link Role} order. */
    record Route(String name, Function<Room, Call> call, int... expected) {
    }

    /** A request: method, path below /api/v1, body (or null). */
    record Call(String method, String path, String body) {
    }

    /** One socket command in a room, and the answer expected for each role: "ack" or an error code. */
    record Command(String name, Function<Room, String> frame, String... expected) {
    }

    Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void everyRestRouteAnswersEachKindOfCallerAsDocumented() {
        List<Route> routes = List.of(
                new Route("GET rooms/{room}", r -> get("rooms/" + r.id()), 200, 200, 200, 200, 200, 200),
                new Route("PATCH rooms/{room}", r -> new Call("PATCH", "rooms/" + r.id(), "{\"name\":\"Renamed\"}"), 403, 403, 403, 200, 200, 200),
                new Route("DELETE rooms/{room}", r -> new Call("DELETE", "rooms/" + r.id(), null), 403, 403, 403, 403, 204, 204),
                new Route("POST rooms/{room}/archive", r -> post("rooms/" + r.id() + "/archive", null), 403, 403, 403, 200, 200, 200),
                new Route("PUT rooms/{room}/owner", r -> new Call("PUT", "rooms/" + r.id() + "/owner", user(r.member())), 403, 403, 403, 403, 200, 200),
                new Route("GET rooms/{room}/members", r -> get("rooms/" + r.id() + "/members"), 403, 200, 200, 200, 200, 200),
                new Route("GET rooms/{room}/online", r -> get("rooms/" + r.id() + "/online"), 403, 200, 200, 200, 200, 200),
                new Route("PUT rooms/{room}/members/{member} (role)", r -> new Call("PUT", "rooms/" + r.id() + "/members/" + r.member(),
                        "{\"role\":\"moderator\"}"), 403, 403, 403, 200, 200, 200),
                new Route("POST rooms/{room}/kicks", r -> post("rooms/" + r.id() + "/kicks", user(r.member())), 403, 403, 204, 204, 204, 204),
                new Route("POST rooms/{room}/invites", r -> post("rooms/" + r.id() + "/invites", "{}"), 403, 403, 201, 201, 201, 201),
                new Route("GET rooms/{room}/invites", r -> get("rooms/" + r.id() + "/invites"), 403, 403, 200, 200, 200, 200),
                new Route("POST rooms/{room}/bans", r -> post("rooms/" + r.id() + "/bans", user(r.member())), 403, 403, 201, 201, 201, 201),
                new Route("GET rooms/{room}/bans", r -> get("rooms/" + r.id() + "/bans"), 403, 403, 200, 200, 200, 200),
                new Route("POST rooms/{room}/mutes", r -> post("rooms/" + r.id() + "/mutes", user(r.member())), 403, 403, 201, 201, 201, 201),
                new Route("GET rooms/{room}/mutes", r -> get("rooms/" + r.id() + "/mutes"), 403, 403, 200, 200, 200, 200),
                new Route("GET rooms/{room}/moderation-log", r -> get("rooms/" + r.id() + "/moderation-log"), 403, 403, 200, 200, 200, 200),
                new Route("GET rooms/{room}/messages", r -> get("rooms/" + r.id() + "/messages"), 200, 200, 200, 200, 200, 200),
                new Route("GET rooms/{room}/messages?author={owner}", r -> get("rooms/" + r.id() + "/messages?author=" + r.owner()),
                        403, 403, 200, 200, 200, 200),
                new Route("GET rooms/{room}/pins", r -> get("rooms/" + r.id() + "/pins"), 200, 200, 200, 200, 200, 200),
                new Route("PUT rooms/{room}/pins/{message}", r -> new Call("PUT", "rooms/" + r.id() + "/pins/" + r.message(), null),
                        403, 403, 200, 200, 200, 200),
                new Route("DELETE rooms/{room}/pins/{message} (not pinned)", r -> new Call("DELETE", "rooms/" + r.id() + "/pins/"
                        + r.message(), null), 403, 403, 404, 404, 404, 404),
                new Route("POST rooms/{room}/messages", r -> post("rooms/" + r.id() + "/messages", "{\"data\":1}"), 403, 201, 201, 201, 201, 201),
                new Route("PUT rooms/{room}/messages/{message}/reactions/ok", r -> new Call("PUT", "rooms/" + r.id()
                        + "/messages/" + r.message() + "/reactions/ok", null), 403, 200, 200, 200, 200, 200),
                new Route("PUT rooms/{room}/read", r -> new Call("PUT", "rooms/" + r.id() + "/read", "{\"seq\":1}"),
                        403, 200, 200, 200, 200, 403),
                new Route("GET users/{member}/unread", r -> get("users/" + r.member() + "/unread"), 403, 200, 403, 403, 403, 200),
                new Route("GET users/{member}/dms", r -> get("users/" + r.member() + "/dms"), 403, 200, 403, 403, 403, 200),
                new Route("GET connections", r -> get("connections"), 403, 403, 403, 403, 403, 200),
                new Route("GET users/{member}/rooms", r -> get("users/" + r.member() + "/rooms"), 403, 200, 403, 403, 403, 200),
                new Route("POST users/{member}/disconnect", r -> post("users/" + r.member() + "/disconnect", "{}"), 403, 403, 403, 403, 403, 204),
                new Route("GET node", r -> get("node"), 403, 403, 403, 403, 403, 200),
                new Route("POST channels", r -> post("channels", "{\"name\":\"ch-" + r.id() + "\"}"), 403, 403, 403, 403, 403, 201),
                new Route("GET presence", r -> get("presence?users=" + r.member()), 200, 200, 200, 200, 200, 200),
                new Route("GET presence/online", r -> get("presence/online"), 200, 200, 200, 200, 200, 200));
        List<String> mismatches = new ArrayList<>();
        for (Route route : routes) {
            assertEquals(Role.values().length, route.expected().length, route.name());
            for (Role role : Role.values()) {
                Room room = newRoom();
                String caller = room.user(role, Api.user("stranger"));
                Call call = route.call().apply(room);
                Reply reply = send(caller, call);
                int expected = route.expected()[role.ordinal()];
                if (reply.status() != expected) {
                    mismatches.add(route.name() + " as " + role + ": expected " + expected + ", got " + reply);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }

    @Test
    void everyRoomCommandAnswersEachKindOfCallerAsDocumented() {
        // Over the sockets an administrator is an ordinary user (administration is the REST API's).
        List<Command> commands = List.of(
                new Command("join", r -> "{\"type\":\"join\",\"room\":\"" + r.id() + "\"}", "ack", "ack", "ack", "ack", "ack", "ack"),
                new Command("publish", r -> "{\"type\":\"publish\",\"room\":\"" + r.id() + "\",\"data\":1}",
                        "forbidden", "ack", "ack", "ack", "ack", "forbidden"),
                new Command("history", r -> "{\"type\":\"history\",\"room\":\"" + r.id() + "\"}", "ack", "ack", "ack", "ack", "ack", "ack"),
                new Command("who", r -> "{\"type\":\"who\",\"room\":\"" + r.id() + "\"}",
                        "forbidden", "ack", "ack", "ack", "ack", "forbidden"),
                new Command("typing", r -> "{\"type\":\"typing\",\"room\":\"" + r.id() + "\",\"active\":true}",
                        "forbidden", "ack", "ack", "ack", "ack", "forbidden"),
                new Command("edit the member's message", r -> "{\"type\":\"edit\",\"room\":\"" + r.id() + "\",\"id\":\"" + r.message()
                        + "\",\"data\":2}", "forbidden", "ack", "ack", "ack", "ack", "forbidden"),
                new Command("delete the member's message", r -> "{\"type\":\"delete\",\"room\":\"" + r.id() + "\",\"id\":\"" + r.message()
                        + "\"}", "forbidden", "ack", "ack", "ack", "ack", "forbidden"),
                new Command("pin the member's message", r -> "{\"type\":\"pin\",\"room\":\"" + r.id() + "\",\"id\":\"" + r.message()
                        + "\"}", "forbidden", "forbidden", "ack", "ack", "ack", "forbidden"),
                new Command("pins", r -> "{\"type\":\"pins\",\"room\":\"" + r.id() + "\"}", "ack", "ack", "ack", "ack", "ack", "ack"),
                new Command("history by the owner", r -> "{\"type\":\"history\",\"room\":\"" + r.id() + "\",\"author\":\"" + r.owner()
                        + "\"}", "forbidden", "forbidden", "ack", "ack", "ack", "forbidden"),
                new Command("leave", r -> "{\"type\":\"leave\",\"room\":\"" + r.id() + "\"}",
                        "not_found", "ack", "ack", "ack", "ack", "not_found"));
        List<String> mismatches = new ArrayList<>();
        for (Command command : commands) {
            assertEquals(Role.values().length, command.expected().length, command.name());
            for (Role role : Role.values()) {
                Room room = newRoom();
                String caller = room.user(role, Api.user("stranger"));
                try (WsClient ws = WsClient.connect(base, caller)) {
                    ws.next("welcome");
                    JsonObject answer = ws.command(command.frame().apply(room));
                    String got = "ack".equals(answer.getString("type")) ? "ack" : answer.getString("code", "(none)");
                    String expected = command.expected()[role.ordinal()];
                    if (!expected.equals(got)) {
                        mismatches.add(command.name() + " as " + role + ": expected " + expected + ", got " + answer);
                    }
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }

    private Room newRoom() {
        String id = Api.roomId("authz");
        String owner = Api.user("owner");
        String admin = Api.user("admin");
        String moderator = Api.user("mod");
        String member = Api.user("member");
        api.createRoom(owner, id, "");
        for (String user : List.of(admin, moderator, member)) {
            assertEquals(201, api.post(user, "rooms/" + id + "/members", "{}").status());
        }
        for (Map.Entry<String, String> grant : Map.of(admin, "admin", moderator, "moderator").entrySet()) {
            assertEquals(200, api.put(owner, "rooms/" + id + "/members/" + grant.getKey(),
                    "{\"role\":\"" + grant.getValue() + "\"}").status());
        }
        Reply message = api.post(member, "rooms/" + id + "/messages", "{\"data\":\"mine\"}");
        assertEquals(201, message.status(), message::toString);
        return new Room(id, owner, admin, moderator, member, message.json().getString("id"));
    }

    private Reply send(String user, Call call) {
        return switch (call.method()) {
            case "GET" -> api.get(user, call.path());
            case "POST" -> api.post(user, call.path(), call.body());
            case "PUT" -> api.put(user, call.path(), call.body());
            case "PATCH" -> api.patch(user, call.path(), call.body());
            case "DELETE" -> api.delete(user, call.path());
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private static Call post(String path, String body) {
        return new Call("POST", path, body);
    }

    private static String user(String user) {
        return "{\"user\":\"" + user + "\"}";
    }
}
