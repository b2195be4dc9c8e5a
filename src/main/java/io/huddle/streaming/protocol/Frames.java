package io.huddle.streaming.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Builds the server's frames as JSON text. Each method returns a complete frame, ready to send; the text is
 * built once and may be sent to any number of connections. Stateless and thread-safe.
 */
public final class Frames {

    /** The protocol version this server speaks, sent in {@code welcome}. */
    public static final int PROTOCOL_VERSION = 1;

    private Frames() {
    }

    /** The first frame of every connection. */
    public static String welcome(String connection, String user, String node, long heartbeatMs,
                                 int maxMessageBytes, int messagesPerSecond) {
        return Jsons.createObjectBuilder()
                .add("type", "welcome")
                .add("connection", connection)
                .add("user", user)
                .add("node", node)
                .add("heartbeatMs", heartbeatMs)
                .add("limits", Jsons.createObjectBuilder()
                        .add("maxMessageBytes", maxMessageBytes)
                        .add("messagesPerSecond", messagesPerSecond))
                .add("protocol", PROTOCOL_VERSION)
                .build().toString();
    }

    /** The answer to {@code ping}. */
    public static String pong() {
        return "{\"type\":\"pong\"}";
    }

    /** An {@code ack} for the command with {@code ref} (may be null), with the command's result fields. */
    public static String ack(String ref, JsonObject result) {
        JsonObjectBuilder frame = Jsons.createObjectBuilder().add("type", "ack");
        if (ref != null) {
            frame.add("ref", ref);
        }
        result.forEach(frame::add);
        return frame.build().toString();
    }

    /** An {@code error} answering the command with {@code ref} (may be null). */
    public static String error(String ref, HuddleException problem) {
        JsonObjectBuilder frame = Jsons.createObjectBuilder().add("type", "error");
        if (ref != null) {
            frame.add("ref", ref);
        }
        frame.add("code", problem.code().wireName()).add("message", problem.getMessage());
        problem.retryAfterMs().ifPresent(ms -> frame.add("retryAfterMs", ms));
        return frame.build().toString();
    }

    /**
     * A {@code message} frame. {@code dataJson} is JSON text (already validated) and is written as it is.
     *
     * @param scopeField {@code room} or {@code channel}
     * @param seq        the room seq, or 0 for a channel message (then omitted)
     */
    public static String message(String scopeField, String scope, String id, long seq, String user, String dataJson,
                                 String event, String thread, String ts) {
        JsonObjectBuilder frame = Jsons.createObjectBuilder()
                .add("type", "message")
                .add(scopeField, scope)
                .add("id", id);
        if (seq > 0) {
            frame.add("seq", seq);
        }
        frame.add("user", user);
        if (event != null) {
            frame.add("event", event);
        }
        if (thread != null) {
            frame.add("thread", thread);
        }
        frame.add("ts", ts);
        return withRawField(frame.build().toString(), "data", dataJson);
    }

    /** An {@code edited} frame; {@code dataJson} is written as it is. */
    public static String edited(String room, String id, String dataJson, String by) {
        return withRawField(Jsons.createObjectBuilder().add("type", "edited").add("room", room).add("id", id)
                .add("user", by).build().toString(), "data", dataJson);
    }

    /** A {@code deleted} frame. */
    public static String deleted(String room, String id, String by) {
        return Jsons.createObjectBuilder().add("type", "deleted").add("room", room).add("id", id).add("user", by)
                .build().toString();
    }

    /** A {@code member} frame; {@code role}, {@code by} and {@code reason} may be null. */
    public static String member(String room, String user, String action, String role, String by, String reason) {
        JsonObjectBuilder frame = Jsons.createObjectBuilder().add("type", "member").add("room", room)
                .add("user", user).add("action", action);
        if (role != null) {
            frame.add("role", role);
        }
        if (by != null) {
            frame.add("by", by);
        }
        if (reason != null) {
            frame.add("reason", reason);
        }
        return frame.build().toString();
    }

    /** A {@code room} frame with {@code action} and the changed fields. */
    public static String room(String room, String action, JsonObject fields) {
        JsonObjectBuilder frame = Jsons.createObjectBuilder().add("type", "room").add("room", room).add("action", action);
        fields.forEach(frame::add);
        return frame.build().toString();
    }

    /** Appends {@code "name": rawJson} to a JSON object's text. */
    private static String withRawField(String objectJson, String name, String rawJson) {
        return objectJson.substring(0, objectJson.length() - 1) + ",\"" + name + "\":" + rawJson + "}";
    }

    /** A {@code system} frame sent before the server closes a connection. */
    public static String system(String event, String reason) {
        JsonObjectBuilder frame = Jsons.createObjectBuilder().add("type", "system").add("event", event);
        if (reason != null) {
            frame.add("reason", reason);
        }
        return frame.build().toString();
    }
}
