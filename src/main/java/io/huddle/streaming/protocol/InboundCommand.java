package io.huddle.streaming.protocol;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Objects;

/**
 * A client command as received: its {@code type}, its optional {@code ref}, and typed access to its fields.
 * Immutable and thread-safe.
 *
 * @param type   the command type, never {@code null}
 * @param ref    the client's correlation string, or {@code null}
 * @param fields the whole frame
 */
public record InboundCommand(String type, String ref, JsonFields fields) {

    public InboundCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fields, "fields");
    }

    /**
     * Parses one frame. The result always has a type; the caller decides whether it knows it.
     *
     * @throws HuddleException {@code bad_request} if the text is not a JSON object with a string {@code type},
     *                         or {@code ref} is not a string; a {@link RejectedFrame} when the frame's
     *                         {@code ref} could still be read
     */
    public static InboundCommand parse(String text) {
        JsonFields fields;
        try {
            fields = JsonFields.parseObject(text);
        } catch (HuddleException e) {
            throw JsonFields.badRequest(e.getMessage().replace("the body", "the frame")
                    .replace("expected a JSON object", "a frame must be a JSON object"));
        }
        JsonValue ref = fields.object().get("ref");
        if (ref != null && ref.getValueType() != JsonValue.ValueType.STRING) {
            throw JsonFields.badRequest("field 'ref' must be a string");
        }
        JsonValue type = fields.object().get("type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
            throw new RejectedFrame(ref == null ? null : ((JsonString) ref).getString(),
                    "field 'type' must be a string naming the command");
        }
        return new InboundCommand(((JsonString) type).getString(),
                ref == null ? null : ((JsonString) ref).getString(), fields);
    }
}
