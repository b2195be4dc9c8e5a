package io.huddle.streaming.transport.sse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The resume cursor of an SSE stream: the latest seq the stream has delivered for every room it has seen,
 * written as the {@code id:} of each {@code message} event, so that a reconnecting {@code EventSource}
 * (sending {@code Last-Event-ID}) resumes every room at once. Encoded as URL-safe base64 of
 * {@code room:seq,room:seq}. Thread-safe.
 */
final class SseCursor {

    private static final Pattern ENTRY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}:\\d{1,18}");
    private static final int MAX_TEXT = 16 * 1024;

    private final Map<String, Long> seqs = new TreeMap<>();

    SseCursor(Map<String, Long> initial) {
        seqs.putAll(initial);
    }

    /** Records that {@code room} reached {@code seq}; returns the encoded cursor. */
    synchronized String advance(String room, long seq) {
        seqs.merge(room, seq, Math::max);
        return encode();
    }

    /** The seq reached in {@code room}, if the cursor has seen it. */
    synchronized Optional<Long> seqOf(String room) {
        return Optional.ofNullable(seqs.get(room));
    }

    private String encode() {
        StringBuilder text = new StringBuilder();
        seqs.forEach((room, seq) -> text.append(text.length() == 0 ? "" : ",").append(room).append(':').append(seq));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a client's {@code Last-Event-ID}; anything unreadable counts as no cursor (empty map). */
    static Map<String, Long> decode(String lastEventId) {
        Map<String, Long> result = new TreeMap<>();
        if (lastEventId == null || lastEventId.isBlank() || lastEventId.length() > MAX_TEXT) {
            return result;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(lastEventId.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return result;
        }
        for (String entry : text.split(",")) {
            if (ENTRY.matcher(entry).matches()) {
                int colon = entry.indexOf(':');
                result.put(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1)));
            }
        }
        return result;
    }
}
