package io.huddle.streaming.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The channel namespaces of {@code streaming.channels.namespaces}: name prefixes under which clients may use
 * channels nobody defined. Each entry is {@code prefix} or {@code prefix=publish} (clients subscribe and
 * publish) or {@code prefix=subscribe} (clients subscribe, only the server publishes), e.g.
 * {@code chat.,news.=subscribe}. A channel defined by an administrator or the application keeps its own
 * settings. Immutable.
 *
 * @param entries the namespaces, in the order configured
 */
public record ChannelNamespaces(List<Namespace> entries) {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,62}");

    /** One namespace: the names starting with {@code prefix}, and whether clients may publish there. */
    public record Namespace(String prefix, boolean clientPublish) {
    }

    public ChannelNamespaces {
        entries = List.copyOf(entries);
    }

    /** No namespaces: every channel must be defined. */
    public static ChannelNamespaces none() {
        return new ChannelNamespaces(List.of());
    }

    /**
     * Parses the property's value (comma-separated entries); what is wrong goes to {@code problems}, one sentence
     * per bad entry.
     */
    static ChannelNamespaces parse(List<String> values, List<String> problems) {
        List<Namespace> entries = new ArrayList<>();
        for (String raw : values) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String prefix = eq < 0 ? entry : entry.substring(0, eq).trim();
            String mode = eq < 0 ? "publish" : entry.substring(eq + 1).trim();
            if (!PREFIX.matcher(prefix).matches()) {
                problems.add("streaming.channels.namespaces: '" + prefix + "' is not a channel name prefix (1-63"
                        + " characters from a-z 0-9 _ . : -, starting with a letter or digit)");
            } else if (!mode.equals("publish") && !mode.equals("subscribe")) {
                problems.add("streaming.channels.namespaces: '" + entry + "' must end in =publish or =subscribe");
            } else {
                entries.add(new Namespace(prefix, mode.equals("publish")));
            }
        }
        return new ChannelNamespaces(entries);
    }

    /** The namespace {@code channel} falls in (the longest prefix that matches), if any. */
    public Optional<Namespace> of(String channel) {
        Namespace best = null;
        for (Namespace n : entries) {
            if (channel.startsWith(n.prefix()) && (best == null || n.prefix().length() > best.prefix().length())) {
                best = n;
            }
        }
        return Optional.ofNullable(best);
    }
}
