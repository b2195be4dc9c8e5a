package io.huddle.streaming.domain.message;

import io.huddle.streaming.domain.UserId;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a message mentions: every {@code @user} in the string values of its data (an {@code @} at the start or
 * after a character that cannot be part of a user id, followed by a user id; a trailing {@code .} is punctuation),
 * and the users the publish names explicitly. At most {@value #MAX} users per message. Stateless.
 */
public final class Mentions {

    /** The most users one message may mention. */
    public static final int MAX = 50;

    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9._@-])@([A-Za-z0-9._-]{1,64})");
    private static final JsonProvider JSON = JsonProvider.provider();

    private Mentions() {
    }

    /** The users {@code dataJson} mentions with {@code @}, then {@code explicit}, without {@code author}, at most {@value #MAX}. */
    public static Set<String> of(String dataJson, Collection<String> explicit, String author) {
        Set<String> users = new LinkedHashSet<>();
        if (dataJson.indexOf('@') >= 0) {
            inText(dataJson, users);
        }
        for (String user : explicit) {
            if (users.size() < MAX) {
                users.add(user);
            }
        }
        users.remove(author);
        return users;
    }

    private static void inText(String dataJson, Set<String> users) {
        try (JsonParser parser = JSON.createParser(new StringReader(dataJson))) {
            while (parser.hasNext() && users.size() < MAX) {
                if (parser.next() == JsonParser.Event.VALUE_STRING) {
                    Matcher m = MENTION.matcher(parser.getString());
                    while (m.find() && users.size() < MAX) {
                        String id = trimmed(m.group(1));
                        if (UserId.isValid(id)) {
                            users.add(id);
                        }
                    }
                }
            }
        } catch (JsonException | IllegalStateException e) {
            // Not JSON: the publish was refused before this is asked; nothing is mentioned.
        }
    }

    private static String trimmed(String id) {
        int end = id.length();
        while (end > 0 && id.charAt(end - 1) == '.') {
            end--;
        }
        return id.substring(0, end);
    }
}
