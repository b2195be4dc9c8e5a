package io.huddle.streaming.it.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Malformed client frames of every kind a careless or hostile client sends, drawn from a seeded {@link Random}: random
 * bytes, truncated commands, fields of the wrong type, numbers beyond any range, deep nesting, frames just above the
 * size limit, unknown or missing types, and (where the transport carries bytes rather than WebSocket text) invalid
 * UTF-8. None of them is a command the server could carry out as meant.
 */
final class Malformed {

    private static final String[] COMMANDS = {
        "{\"type\":\"publish\",\"room\":\"%s\",\"data\":{\"text\":\"hello\"},\"ref\":\"a\"}",
        "{\"type\":\"join\",\"room\":\"%s\",\"since\":3,\"ref\":\"b\"}",
        "{\"type\":\"history\",\"room\":\"%s\",\"limit\":20,\"before\":100}",
        "{\"type\":\"typing\",\"room\":\"%s\",\"active\":true}",
        "{\"type\":\"react\",\"room\":\"%s\",\"message\":\"m1\",\"reaction\":\"+1\"}",
    };
    private static final String[] WRONG_TYPES = {
        "{\"type\":123}", "{\"type\":null}", "{\"type\":[\"publish\"]}", "{\"type\":{\"a\":1}}", "{\"type\":true}",
        "{\"type\":\"publish\",\"room\":5,\"data\":1}", "{\"type\":\"join\",\"room\":[\"%s\"]}",
        "{\"type\":\"join\",\"room\":\"%s\",\"since\":\"yesterday\"}", "{\"type\":\"typing\",\"room\":\"%s\",\"active\":\"yes\"}",
        "{\"type\":\"history\",\"room\":\"%s\",\"limit\":\"all\"}", "{\"type\":\"publish\",\"room\":\"%s\"}",
        "{\"type\":\"publish\",\"room\":\"%s\",\"data\":{},\"ref\":{\"x\":1}}", "{\"type\":\"who\",\"room\":{}}",
        "{\"type\":\"presence\",\"status\":42}", "{\"type\":\"subscribe\",\"channel\":[]}",
    };
    private static final String[] HUGE_NUMBERS = {
        "{\"type\":\"join\",\"room\":\"%s\",\"since\":99999999999999999999999999999}",
        "{\"type\":\"history\",\"room\":\"%s\",\"limit\":1e999999}",
        "{\"type\":\"history\",\"room\":\"%s\",\"limit\":-9223372036854775809}",
        "{\"type\":\"join\",\"room\":\"%s\",\"since\":-1}", "{\"type\":\"history\",\"room\":\"%s\",\"before\":1.5e308}",
        "{\"type\":\"history\",\"room\":\"%s\",\"limit\":NaN}",
    };
    private static final String[] ODD = {
        "", " ", "null", "[]", "{}", "\"publish\"", "42", "{\"ref\":\"x\"}", "{\"type\":\"\"}", "{\"type\":\"no-such\"}",
        "{\"type\":\"publish\",\"type\":\"join\"}", "{'type':'ping'}", "{\"type\":\"ping\"", "\u0000\u0000",
        "{\"type\":\"" + "a".repeat(5000) + "\"}", "\uFEFF{\"type\":\"ping\"}x",
    };

    private Malformed() {
    }

    /**
     * One malformed frame for {@code room}; {@code invalidUtf8} allows raw bytes that are not UTF-8, {@code multibyte}
     * characters beyond ASCII in the random text.
     */
    static byte[] frame(Random random, String room, int limit, boolean invalidUtf8, boolean multibyte) {
        return switch (random.nextInt(invalidUtf8 ? 8 : 7)) {
            case 0 -> printableGarbage(random, multibyte);
            case 1 -> truncated(random, room);
            case 2 -> utf8(String.format(pick(random, WRONG_TYPES), room));
            case 3 -> utf8(String.format(pick(random, HUGE_NUMBERS), room));
            case 4 -> deeplyNested(random, room);
            case 5 -> random.nextInt(20) == 0 ? oversized(room, limit) : odd(random, multibyte);
            case 6 -> odd(random, multibyte);
            default -> invalidUtf8(random);
        };
    }

    /** One of {@link #ODD}; without {@code multibyte}, its only non-ASCII one (a byte order mark) loses the mark. */
    private static byte[] odd(Random random, boolean multibyte) {
        String chosen = pick(random, ODD);
        return utf8(multibyte ? chosen : chosen.replace("\uFEFF", ""));
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Random characters (letters, digits, JSON punctuation, controls), valid UTF-8 but not a command. */
    private static byte[] printableGarbage(Random random, boolean multibyte) {
        String alphabet = "{}[]\":,.\\-+eE0123456789abcdefghijklmnopqrstuvwxyz \t\n" + (multibyte ? "\u00e9\u4e2d\ud83d\ude00" : "");
        StringBuilder text = new StringBuilder("~");
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return utf8(text.toString());
    }

    /** A well-formed command cut short: never valid JSON (its closing brace is gone). */
    private static byte[] truncated(Random random, String room) {
        String command = String.format(pick(random, COMMANDS), room);
        return utf8(command.substring(0, random.nextInt(command.length() - 1)));
    }

    /** A publish whose data nests arrays or objects thousands deep (objects that deep are above the size limit). */
    private static byte[] deeplyNested(Random random, String room) {
        int depth = 1_000 + random.nextInt(20_000);
        boolean arrays = random.nextBoolean();
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            data.append(arrays ? "[" : "{\"a\":");
        }
        data.append('1');
        for (int i = 0; i < depth; i++) {
            data.append(arrays ? "]" : "}");
        }
        if (random.nextBoolean()) {
            data.setLength(data.length() - 1);
        }
        return utf8("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":" + data + "}");
    }

    /** A publish just above the size limit (answered {@code too_large}, not closed: below four times the limit). */
    private static byte[] oversized(String room, int limit) {
        return utf8("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"" + "x".repeat(limit + 10) + "\"}");
    }

    /** Bytes that are not UTF-8: stray continuation bytes, overlong forms, surrogates, 0xFF. */
    private static byte[] invalidUtf8(Random random) {
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xC3}};
        byte[] chosen = bad[random.nextInt(bad.length)];
        byte[] head = utf8("{\"type\":\"publish\",\"data\":\"");
        byte[] frame = new byte[head.length + chosen.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(chosen, 0, frame, head.length, chosen.length);
        frame[frame.length - 2] = '"';
        frame[frame.length - 1] = '}';
        return frame;
    }
}
