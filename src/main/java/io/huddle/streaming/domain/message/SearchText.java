package io.huddle.streaming.domain.message;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What history search looks at in a message: the words of the string values of its data, never the keys,
 * numbers or punctuation of the JSON. A word is a run of letters and digits, compared without case. Stored with
 * each message as one space-separated, space-framed line ({@code " hello world "}), so every database can match
 * whole words; PostgreSQL also indexes it for full-text search. Stateless.
 */
public final class SearchText {

    /** Most words kept per message: enough for any chat message, bounded for a huge payload. */
    private static final int MAX_WORDS = 2_000;
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Looked up once: {@code Json.createParser} looks the provider up anew on every call, a service-loader scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private SearchText() {
    }

    /** The search line of {@code dataJson}, or empty when its string values hold no word. */
    public static Optional<String> of(String dataJson) {
        Set<String> words = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(new StringReader(dataJson))) {
            while (parser.hasNext() && words.size() < MAX_WORDS) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.VALUE_STRING) {
                    words.addAll(words(parser.getString()));
                }
            }
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
        return words.isEmpty() ? Optional.empty() : Optional.of(" " + String.join(" ", words) + " ");
    }

    /** The distinct words of {@code text}, lowercased, in order. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : NOT_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !words.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }
}
