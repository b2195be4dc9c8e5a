package io.huddle.streaming.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The benchmark server's HTTP side, as the runner's modes call it: requests with a timeout, answers as JSON. */
final class BenchHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    BenchHttp(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    /** Sends a request and returns the answer's body; fails unless the status is {@code expected}. */
    String send(String method, String path, String body, long timeoutSeconds, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = request(method, path, body, timeoutSeconds);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Sends a request ({@code body} null: none) and returns the answer, whatever its status. */
    HttpResponse<String> request(String method, String path, String body, long timeoutSeconds)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(timeoutSeconds));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of {@code GET path}, or -1 when the server does not answer. */
    int status(String path) throws InterruptedException {
        try {
            return request("GET", path, null, 30).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits until every one of {@code paths} answers {@code GET} with 200, for at most 180 s. */
    void awaitOk(String... paths) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (String path : paths) {
            while (status(path) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(path + " did not answer within 180 s");
                }
                Thread.sleep(500);
            }
        }
    }

    /** The server's group-commit counts so far, {transactions, publishes} ({@code GET /api/v1/node} as {@code admin}). */
    long[] groupCommit(String admin) throws IOException, InterruptedException {
        JsonObject counts = json(send("GET", "/api/v1/node?user=" + admin, null, 30, 200)).getJsonObject("groupCommit");
        return new long[] {counts.getJsonNumber("transactions").longValue(), counts.getJsonNumber("messages").longValue()};
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
