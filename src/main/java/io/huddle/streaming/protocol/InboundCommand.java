package io.huddle.streaming.protocol;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.Json;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A client command as received: its {@code type}, its optional {@code ref}, and typed access to its fields.
 * Every accessor rejects a field of the wrong JSON type with {@code bad_request} naming the field.
 * Immutable and thread-safe.
 *
 * @param type the command type, never {@code null}
 * @param ref  the client's correlation string, or {@code null}
 * @param body the whole frame
 */
public record InboundCommand(String type, String ref, JsonObject body) {

    public InboundCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Parses one frame. The result always has a type; the caller decides whether it knows it.
     *
     * @throws ProtocolException {@code bad_request} if the text is not a JSON object with a string {@code type},
     *                           or {@code ref} is not a string
     */
    public static InboundCommand parse(String text) {
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw badRequest("the frame is not valid JSON");
        } catch (JsonException | IllegalStateException e) {
            throw badRequest("the frame could not be read as JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw badRequest("a frame must be a JSON object");
        }
        JsonObject body = value.asJsonObject();
        JsonValue ref = body.get("ref");
        if (ref != null && ref.getValueType() != JsonValue.ValueType.STRING) {
            throw badRequest("field 'ref' must be a string");
        }
        JsonValue type = body.get("type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
            throw badRequest("field 'type' must be a string naming the command");
        }
        return new InboundCommand(((JsonString) type).getString(), ref == null ? null : ((JsonString) ref).getString(), body);
    }

    /** The required string field {@code name}. */
    public String requireString(String name) {
        return optionalString(name).orElseThrow(() -> badRequest("field '" + name + "' is required"));
    }

    /** The string field {@code name}, if present and not null. */
    public Optional<String> optionalString(String name) {
        JsonValue v = body.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw badRequest("field '" + name + "' must be a string");
        }
        return Optional.of(((JsonString) v).getString());
    }

    /** The whole-number field {@code name} within {@code [min, max]}, if present and not null. */
    public OptionalLong optionalLong(String name, long min, long max) {
        JsonValue v = body.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return OptionalLong.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
            throw badRequest("field '" + name + "' must be a whole number");
        }
        try {
            long n = ((JsonNumber) v).longValueExact();
            if (n < min || n > max) {
                throw badRequest("field '" + name + "' must be between " + min + " and " + max);
            }
            return OptionalLong.of(n);
        } catch (ArithmeticException e) {
            throw badRequest("field '" + name + "' must be between " + min + " and " + max);
        }
    }

    /** The required boolean field {@code name}. */
    public boolean requireBoolean(String name) {
        JsonValue v = body.get(name);
        if (v != null && v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (v != null && v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw badRequest(v == null ? "field '" + name + "' is required" : "field '" + name + "' must be true or false");
    }

    /** The field {@code name} as any JSON value, if present (JSON {@code null} counts as present). */
    public Optional<JsonValue> optionalValue(String name) {
        return Optional.ofNullable(body.get(name));
    }

    private static ProtocolException badRequest(String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message);
    }
}
