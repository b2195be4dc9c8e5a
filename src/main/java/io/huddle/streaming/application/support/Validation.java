package io.huddle.streaming.application.support;

import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks on values given by callers, failing with {@code bad_request} naming the field. Stateless.
 */
public final class Validation {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_REASON = 500;
    public static final int MAX_METADATA = 16 * 1024;

    private Validation() {
    }

    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw bad("field '" + field + "' must not be empty");
        }
        if (value.length() > max) {
            throw bad("field '" + field + "' must be at most " + max + " characters");
        }
        return value;
    }

    public static Optional<String> optionalText(String field, Optional<String> value, int max) {
        value.filter(v -> v.length() > max).ifPresent(v -> {
            throw bad("field '" + field + "' must be at most " + max + " characters");
        });
        return value.filter(v -> !v.isBlank());
    }

    public static Optional<Integer> positive(String field, Optional<Integer> value) {
        value.filter(v -> v < 1).ifPresent(v -> {
            throw bad("field '" + field + "' must be at least 1");
        });
        return value;
    }

    /** {@code value}, or {@code bad_request} unless it lies within {@code min} and {@code max} (both included). */
    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw bad("field '" + field + "' must be between " + min + " and " + max);
        }
        return value;
    }

    /** JSON text that parses as one JSON object, at most {@link #MAX_METADATA} characters. */
    public static Optional<String> jsonObject(String field, Optional<String> json) {
        json.ifPresent(text -> {
            if (text.length() > MAX_METADATA) {
                throw bad("field '" + field + "' must be at most " + MAX_METADATA + " characters of JSON");
            }
            try (JsonReader reader = Jsons.createReader(new StringReader(text))) {
                if (reader.readValue().getValueType() != JsonValue.ValueType.OBJECT) {
                    throw bad("field '" + field + "' must be a JSON object");
                }
            } catch (JsonException | IllegalStateException e) {
                throw bad("field '" + field + "' must be a JSON object");
            }
        });
        return json;
    }

    /** JSON text of any JSON value. */
    public static String json(String field, String text) {
        if (text == null) {
            throw bad("field '" + field + "' is required");
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(text))) {
            reader.readValue();
            return text;
        } catch (JsonException | IllegalStateException e) {
            throw bad("field '" + field + "' must be JSON");
        }
    }

    /** {@code too_large} unless {@code data} fits in {@code maxBytes} bytes of UTF-8: the one size check of message data. */
    public static void messageSize(String data, int maxBytes) {
        if (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes) {
            throw new HuddleException(ErrorCode.TOO_LARGE, "the message data exceeds " + maxBytes + " bytes");
        }
    }

    /** The most tags a room may have. */
    public static final int MAX_TAGS = 10;
    /** The longest category. */
    public static final int MAX_CATEGORY = 64;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /**
     * {@code tags} lowercased, each 1 to 32 characters of {@code [a-z0-9-]} starting with a letter or digit, at most
     * {@value #MAX_TAGS}, repeats dropped; otherwise {@code bad_request} naming the bad one.
     */
    public static List<String> tags(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw bad("a room has at most " + MAX_TAGS + " tags, " + tags.size() + " given");
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String tag : tags) {
            String lower = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
            if (!TAG.matcher(lower).matches()) {
                throw bad("tag '" + (lower.length() > 40 ? lower.substring(0, 37) + "..." : lower)
                        + "' must be 1 to 32 characters of a-z, 0-9 and '-', starting with a letter or digit");
            }
            valid.add(lower);
        }
        return List.copyOf(valid);
    }

    /** {@code id} if it is a valid user id ({@link UserId}), otherwise {@code bad_request} saying why. */
    public static String userId(String id) {
        try {
            return UserId.of(id).value();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    /** {@code id} as a room id ({@link RoomId}), otherwise {@code bad_request} saying why. */
    public static RoomId roomId(String id) {
        try {
            return RoomId.of(id);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    public static HuddleException bad(String message) {
        return new HuddleException(ErrorCode.BAD_REQUEST, message);
    }
}
