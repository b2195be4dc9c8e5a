package io.huddle.streaming.protocol;

import jakarta.json.Json;
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
        return Json.createObjectBuilder()
                .add("type", "welcome")
                .add("connection", connection)
                .add("user", user)
                .add("node", node)
                .add("heartbeatMs", heartbeatMs)
                .add("limits", Json.createObjectBuilder()
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
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "ack");
        if (ref != null) {
            frame.add("ref", ref);
        }
        result.forEach(frame::add);
        return frame.build().toString();
    }

    /** An {@code error} answering the command with {@code ref} (may be null). */
    public static String error(String ref, ProtocolException problem) {
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "error");
        if (ref != null) {
            frame.add("ref", ref);
        }
        frame.add("code", problem.code().wireName()).add("message", problem.getMessage());
        problem.retryAfterMs().ifPresent(ms -> frame.add("retryAfterMs", ms));
        return frame.build().toString();
    }

    /** A {@code system} frame sent before the server closes a connection. */
    public static String system(String event, String reason) {
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "system").add("event", event);
        if (reason != null) {
            frame.add("reason", reason);
        }
        return frame.build().toString();
    }
}
