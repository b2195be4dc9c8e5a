package io.huddle.streaming.protocol;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParser;
import jakarta.json.spi.JsonProvider;

import java.io.Reader;
import java.util.Collection;

/**
 * The JSON-P factory methods Huddle uses, on one provider looked up once. The static methods of
 * {@link jakarta.json.Json} look the provider up again on every call, which is a noticeable part of the cost of
 * building a small frame. Thread-safe.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    /** An empty object builder. */
    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    /** An object builder starting from {@code object}'s members. */
    public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    /** An empty array builder. */
    /** An array builder holding {@code strings}, in order. */
    public static JsonArrayBuilder createArrayBuilder(Collection<String> strings) {
        JsonArrayBuilder array = PROVIDER.createArrayBuilder();
        strings.forEach(array::add);
        return array;
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    /** {@code text} as a JSON string literal: in double quotes, with quotes, backslashes and control characters escaped. */
    public static String quoted(String text) {
        return PROVIDER.createValue(text).toString();
    }

    /** A streaming parser of JSON text. */
    public static JsonParser createParser(Reader reader) {
        return PROVIDER.createParser(reader);
    }

    /** A reader of JSON text. */
    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }
}
