package io.huddle.streaming.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real SSE client for tests: opens {@code /sse}, parses the event stream on a background thread and hands
 * out events (name, id, JSON data) with timeouts; posts commands to the stream's command endpoint.
 */
public final class SseClient implements AutoCloseable {

    /** One event of the stream. */
    public record Event(String name, String id, JsonObject data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final URL base;
    private final String user;
    private final int status;
    private final InputStream body;
    private final Thread reader;

    private SseClient(URL base, String user, HttpResponse<InputStream> response) {
        this.base = base;
        this.user = user;
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new Thread(this::readEvents, "sse-test-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens a stream as {@code user} ({@code null}: no identity) with an extra query string (may be empty). */
    public static SseClient open(URL base, String user, String query) {
        String q = (user == null ? "" : "user=" + user) + (query.isEmpty() ? "" : (user == null ? "" : "&") + query);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "sse" + (q.isEmpty() ? "" : "?" + q)))
                .header("Accept", "text/event-stream")
                .timeout(WsClient.TIMEOUT)
                .build();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .orTimeout(WsClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return new SseClient(base, user, response);
    }

    /** Every event received and not yet taken, oldest first, without waiting (empty if none). */
    public java.util.List<Event> takeAll() {
        java.util.List<Event> all = new java.util.ArrayList<>();
        events.drainTo(all);
        return all;
    }

    public int status() {
        return status;
    }

    /** The next event, failing after the timeout. */
    public Event next() {
        try {
            Event event = events.poll(WsClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no SSE event arrived within " + WsClient.TIMEOUT);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an event", e);
        }
    }

    /** Posts {@code json} as a command of stream {@code connection}, as {@code asUser}. */
    public static HttpResponse<String> post(URL base, String connection, String asUser, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "sse/" + connection + "/commands?user=" + asUser))
                .header("Content-Type", "application/json")
                .timeout(WsClient.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(WsClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Posts {@code json} as a command of stream {@code connection}, as this stream's user. */
    public HttpResponse<String> post(String connection, String json) {
        return post(base, connection, user, json);
    }

    private void readEvents() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, id,
                                Json.createReader(new StringReader(data.toString())).readObject()));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            // The stream ended (closed by either side): no more events.
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // Already closed.
        }
        reader.interrupt();
    }
}
