package io.huddle.streaming.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed, validating access to the fields of a JSON object received from a client (a command frame or a REST
 * body). Every accessor rejects a missing required field or a field of the wrong JSON type with
 * {@code bad_request} naming the field; JSON {@code null} counts as absent. Immutable and thread-safe.
 *
 * @param object the JSON object
 */
public record JsonFields(JsonObject object) {

    public JsonFields {
        Objects.requireNonNull(object, "object");
    }

    /**
     * Parses {@code text} as one JSON object.
     *
     * @throws HuddleException {@code bad_request} if it is not valid JSON or not an object
     */
    public static JsonFields parseObject(String text) {
        JsonValue value;
        try (JsonParser parser = Jsons.createParser(new StringReader(text == null ? "" : text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                // One JSON value and nothing after it: "{...}x" or "{...}{...}" is not a frame.
                throw badRequest("the body is not valid JSON: there is more after the value");
            }
        } catch (HuddleException e) {
            throw e;
        } catch (JsonParsingException | NoSuchElementException e) {
            throw badRequest("the body is not valid JSON");
        } catch (RuntimeException e) {
            // JsonException, or the parser's own limits (nesting depth, number size)
            throw badRequest("the body could not be read as JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw badRequest("expected a JSON object");
        }
        return new JsonFields(value.asJsonObject());
    }

    /** The required string field {@code name}. */
    public String requireString(String name) {
        return optionalString(name).orElseThrow(() -> badRequest("field '" + name + "' is required"));
    }

    /** The string field {@code name}, if present. */
    public Optional<String> optionalString(String name) {
        JsonValue v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw badRequest("field '" + name + "' must be a string");
        }
        return Optional.of(((JsonString) v).getString());
    }

    /** The field {@code name} as a list of at most {@code max} strings; empty when absent. */
    public List<String> stringList(String name, int max) {
        JsonValue v = present(name);
        if (v == null) {
            return List.of();
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw badRequest("field '" + name + "' must be an array of strings");
        }
        List<JsonValue> items = v.asJsonArray();
        if (items.size() > max) {
            throw badRequest("field '" + name + "' holds " + items.size() + " items, at most " + max + " allowed");
        }
        List<String> strings = new ArrayList<>(items.size());
        for (JsonValue item : items) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw badRequest("field '" + name + "' must be an array of strings");
            }
            strings.add(((JsonString) item).getString());
        }
        return strings;
    }

    /** The whole-number field {@code name} within {@code [min, max]}, if present. */
    public OptionalLong optionalLong(String name, long min, long max) {
        JsonValue v = present(name);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
            throw badRequest("field '" + name + "' must be a whole number");
        }
        try {
            long n = ((JsonNumber) v).longValueExact();
            if (n >= min && n <= max) {
                return OptionalLong.of(n);
            }
        } catch (ArithmeticException e) {
            // Out of range for a long: reported below like any other out-of-range value.
        }
        throw badRequest("field '" + name + "' must be between " + min + " and " + max);
    }

    /** The required whole-number field {@code name} within {@code [min, max]}. */
    public long requireLong(String name, long min, long max) {
        OptionalLong n = optionalLong(name, min, max);
        if (n.isEmpty()) {
            throw badRequest("field '" + name + "' is required");
        }
        return n.getAsLong();
    }

    /** The whole-number field {@code name} within {@code [min, max]}, if present. */
    public Optional<Integer> optionalInt(String name, int min, int max) {
        OptionalLong n = optionalLong(name, min, max);
        return n.isPresent() ? Optional.of((int) n.getAsLong()) : Optional.empty();
    }

    /** The field {@code name} as JSON text, if present and not {@code null}. */
    public Optional<String> optionalJson(String name) {
        return Optional.ofNullable(present(name)).map(JsonValue::toString);
    }

    /** The boolean field {@code name}, if present. */
    public Optional<Boolean> optionalBoolean(String name) {
        JsonValue v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return Optional.of(Boolean.TRUE);
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(Boolean.FALSE);
        }
        throw badRequest("field '" + name + "' must be true or false");
    }

    /** The required boolean field {@code name}. */
    public boolean requireBoolean(String name) {
        return optionalBoolean(name).orElseThrow(() -> badRequest("field '" + name + "' is required"));
    }

    /** The required field {@code name} as JSON text, whatever its JSON type ({@code null} included). */
    public String requireJson(String name) {
        return optionalValue(name).map(Object::toString)
                .orElseThrow(() -> badRequest("field '" + name + "' is required"));
    }

    /** The field {@code name} as any JSON value, if present (JSON {@code null} included). */
    public Optional<JsonValue> optionalValue(String name) {
        return Optional.ofNullable(object.get(name));
    }

    /** Whether the object has field {@code name} (even if {@code null}). */
    public boolean has(String name) {
        return object.containsKey(name);
    }

    private JsonValue present(String name) {
        JsonValue v = object.get(name);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    static HuddleException badRequest(String message) {
        return new HuddleException(ErrorCode.BAD_REQUEST, message);
    }
}
