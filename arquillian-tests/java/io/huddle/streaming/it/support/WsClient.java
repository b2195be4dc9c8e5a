package io.huddle.streaming.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) for tests: connects to {@code /ws}, records every frame it receives and
 * the close code, and waits for them with timeouts.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsClient() {
    }

    /** Connects as {@code user} (a development identity; {@code null} for none). */
    public static WsClient connect(URL base, String user) {
        return connectWithQuery(base, user == null ? "" : "?user=" + user);
    }

    /** Connects with a bearer token in the {@code access_token} query parameter. */
    public static WsClient connectWithToken(URL base, String token) {
        return connectWithQuery(base, "?access_token=" + token);
    }

    private static WsClient connectWithQuery(URL base, String query) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws" + query);
        WsClient client = new WsClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(uri, client)
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
        return client;
    }

    /** Sends a command and returns its answer ({@code ack} or {@code error} with the same ref), skipping other frames. */
    public JsonObject command(String json) {
        String ref = "r" + java.util.UUID.randomUUID();
        sendText(json.replaceFirst("\\{", "{\"ref\":\"" + ref + "\","));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = poll();
            if (ref.equals(frame.getString("ref", null))) {
                return frame;
            }
            others.add(frame);
        }
        throw new AssertionError("no answer to " + json);
    }

    /** Frames skipped while waiting for a command's answer, oldest first; {@link #next()} returns these first. */
    private final java.util.Deque<JsonObject> others = new java.util.ArrayDeque<>();

    /** Sends raw text as one frame. */
    public void sendText(String text) {
        socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Every frame received and not yet taken, oldest first, without waiting (empty if none). */
    public List<JsonObject> takeAll() {
        List<JsonObject> all = new ArrayList<>(others);
        others.clear();
        frames.drainTo(all);
        return all;
    }

    /** The next frame received, failing after the timeout. */
    public JsonObject next() {
        if (!others.isEmpty()) {
            return others.pollFirst();
        }
        return poll();
    }

    private JsonObject poll() {
        return poll(TIMEOUT);
    }

    /** The next frame of {@code type}, skipping others, waiting up to {@code timeout} (for slow events). */
    public JsonObject next(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + type + "' frame within " + timeout);
            }
            JsonObject frame = others.isEmpty() ? poll(Duration.ofNanos(left)) : others.pollFirst();
            if (type.equals(frame.getString("type", null))) {
                return frame;
            }
        }
    }

    private JsonObject poll(Duration timeout) {
        try {
            JsonObject frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame arrived within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a frame", e);
        }
    }

    /** The next frame that is not a presence or typing frame (those arrive whenever people come and go). */
    public JsonObject nextIgnoringPresence() {
        while (true) {
            JsonObject frame = next();
            String type = frame.getString("type", "");
            if (!type.equals("presence") && !type.equals("typing")) {
                return frame;
            }
        }
    }

    /** The next frame of {@code type}, skipping others; fails after the timeout. */
    public JsonObject next(String type) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonObject frame = next();
            if (type.equals(frame.getString("type", null))) {
                return frame;
            }
            skipped.add(frame.toString());
        }
        throw new AssertionError("no '" + type + "' frame within " + TIMEOUT + "; got " + skipped);
    }

    /** The close code the server sent, waiting up to the timeout. */
    public int awaitClose() {
        return closeCode.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /**
     * Sends a ping and returns every frame that arrives before its pong: the server queues frames for a
     * connection in order, so nothing sent to it before the ping can arrive after the pong.
     */
    public java.util.List<JsonObject> drain() {
        sendText("{\"type\":\"ping\"}");
        java.util.List<JsonObject> before = new java.util.ArrayList<>();
        while (true) {
            JsonObject frame = next();
            if ("pong".equals(frame.getString("type", null))) {
                return before;
            }
            before.add(frame);
        }
    }

    /**
     * The next {@code count} answers ({@code ack} or {@code error}) whose {@code ref} starts with {@code refPrefix},
     * in the order they arrive; other frames are passed over.
     */
    public List<JsonObject> answers(String refPrefix, int count) {
        List<JsonObject> answers = new ArrayList<>();
        while (answers.size() < count) {
            JsonObject frame = next();
            if (frame.getString("ref", "").startsWith(refPrefix)) {
                answers.add(frame);
            }
        }
        return answers;
    }

    /**
     * Sends {@code commands} pipelined, keeping up to {@code window} of them unanswered (as a client with a send
     * window does), and returns their answers in the order they arrive; each command carries its own {@code ref},
     * starting with {@code refPrefix}. Other frames are passed over.
     */
    public List<JsonObject> pipeline(List<String> commands, String refPrefix, int window) {
        int sent = 0;
        while (sent < Math.min(window, commands.size())) {
            sendText(commands.get(sent++));
        }
        List<JsonObject> answers = new ArrayList<>();
        while (answers.size() < commands.size()) {
            JsonObject frame = next();
            if (frame.getString("ref", "").startsWith(refPrefix)) {
                answers.add(frame);
                if (sent < commands.size()) {
                    sendText(commands.get(sent++));
                }
            }
        }
        return answers;
    }

    /** Starts the closing handshake with 1000 and returns the close code the server answers with. */
    public int closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return awaitClose();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
