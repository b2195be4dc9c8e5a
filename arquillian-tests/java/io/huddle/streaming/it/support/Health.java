package io.huddle.streaming.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One answer of a server's MicroProfile Health endpoint ({@code /health/live}, {@code /health/ready}), read as an
 * orchestrator does: the HTTP status (200 up, 503 down) and each named check.
 */
public record Health(int status, JsonObject json) {

    /** Asks {@code path} of the server {@code base} (any URL of it). */
    public static Health of(URL base, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + path))
                    .timeout(WsClient.TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject());
        } catch (IOException e) {
            throw new AssertionError(path + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code /health/ready}. */
    public static Health ready(URL base) {
        return of(base, "/health/ready");
    }

    /** {@code /health/live}. */
    public static Health live(URL base) {
        return of(base, "/health/live");
    }

    /** The checks by name. */
    public Map<String, JsonObject> checks() {
        return json.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), Function.identity()));
    }

    /** {@code UP} or {@code DOWN} of the check named {@code check}. */
    public String statusOf(String check) {
        JsonObject found = checks().get(check);
        if (found == null) {
            throw new AssertionError("no check '" + check + "' in " + json);
        }
        return found.getString("status");
    }

    @Override
    public String toString() {
        return status + " " + json;
    }
}
