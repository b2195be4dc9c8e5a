package io.huddle.streaming.transport.websocket;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a parameter from a handshake's query string, as the servlet API does (the first value, percent-decoded;
 * {@code ""} for a name without a value). The session's own parameter map would do the same, but the runtime
 * builds it on first use and keeps it for the life of the session (about 300 bytes per idle connection), for
 * parameters read once.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** The first value of {@code name} in {@code query}; {@code null} if it is absent or not validly encoded. */
    static String first(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            int equals = query.indexOf('=', start);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            if (name.equals(decodeOrNull(query.substring(start, nameEnd)))) {
                return nameEnd == end ? "" : decodeOrNull(query.substring(nameEnd + 1, end));
            }
            start = end + 1;
        }
        return null;
    }

    private static String decodeOrNull(String part) {
        if (part.indexOf('%') < 0 && part.indexOf('+') < 0) {
            return part;
        }
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
