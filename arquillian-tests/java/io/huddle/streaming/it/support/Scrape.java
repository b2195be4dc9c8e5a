package io.huddle.streaming.it.support;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a server's {@code /metrics} in the Prometheus text format, read as a monitoring system would:
 * every sample line is a name, optional labels, and a value.
 */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final java.util.List<Sample> samples;
    private final String text;

    private Scrape(java.util.List<Sample> samples, String text) {
        this.samples = samples;
        this.text = text;
    }

    /** Scrapes {@code /metrics} of the server {@code base} (any URL of it) as Prometheus does. */
    public static Scrape of(URL base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/metrics"))
                    .timeout(WsClient.TIMEOUT).header("Accept", "text/plain").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("/metrics could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Scrape parse(String text) {
        java.util.List<Sample> samples = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new Scrape(samples, text);
    }

    /**
     * The sum of the samples named {@code name} whose labels include {@code labels} (name, value, name, value...);
     * 0 if there are none.
     */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Whether a sample named {@code name} is present at all. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    @Override
    public String toString() {
        return text;
    }
}
