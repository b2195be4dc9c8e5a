package io.huddle.streaming.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One client WebSocket (JDK {@code java.net.http}): every complete text frame goes to a handler on the
 * client's executor, one frame at a time per connection. Pings are answered by the JDK.
 */
final class WsConnection implements WebSocket.Listener {

    private final BiConsumer<WsConnection, CharSequence> handler;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Completed by the handler when the connection is usable (for Huddle: on {@code welcome}). */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completed by the handler with the next command's answer, for one command at a time. */
    volatile CompletableFuture<String> answer;
    private StringBuilder partial;
    private volatile WebSocket socket;

    private WsConnection(BiConsumer<WsConnection, CharSequence> handler) {
        this.handler = handler;
    }

    /** Opens a connection to {@code uri}; the returned stage completes once the handshake is done. */
    static CompletableFuture<WsConnection> open(HttpClient client, URI uri,
                                                BiConsumer<WsConnection, CharSequence> handler) {
        WsConnection connection = new WsConnection(handler);
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, connection)
                .thenApply(ws -> {
                    connection.socket = ws;
                    return connection;
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        // Every frame is handled before onText returns, so unlimited demand is safe and saves a request per frame.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        try {
            if (partial == null && last) {
                handler.accept(this, data);
            } else {
                if (partial == null) {
                    partial = new StringBuilder();
                }
                partial.append(data);
                if (last) {
                    String whole = partial.toString();
                    partial = null;
                    handler.accept(this, whole);
                }
            }
        } catch (RuntimeException e) {
            BenchmarkRunner.log("WARNING: handling a frame failed: " + e);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        ready.completeExceptionally(new IllegalStateException("closed by the server: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
        ready.completeExceptionally(error);
    }

    /** Whether the server closed the connection (or it failed). */
    boolean isClosed() {
        return closed.isDone();
    }

    /** Sends one text frame and waits until the JDK has taken it (at most 30 s). */
    void send(String text) {
        socket.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Sends {@code command} and waits for the frame the handler completes {@link #answer} with. */
    String ask(String command, long timeoutSeconds) {
        CompletableFuture<String> next = new CompletableFuture<>();
        answer = next;
        send(command);
        return next.orTimeout(timeoutSeconds, TimeUnit.SECONDS).join();
    }

    /** Starts a normal close; the stage completes when the server answered it, or after 10 s (then aborts). */
    CompletableFuture<Void> close() {
        WebSocket ws = socket;
        if (ws == null || closed.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(failure -> null);
        return closed.completeOnTimeout(0, 10, TimeUnit.SECONDS).handle((code, failure) -> {
            ws.abort();
            return null;
        });
    }

    // ---- tiny JSON field readers: enough for the benchmark's own frames, without a parser per delivery ----

    /** Whether {@code text} starts with {@code prefix}, without copying the frame into a String. */
    static boolean startsWith(CharSequence text, String prefix) {
        if (text.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The string value of top-level-looking field {@code "name":"..."}, or null. */
    static String stringField(CharSequence frame, String name) {
        int at = indexOf(frame, "\"" + name + "\":\"", 0);
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 4;
        int end = start;
        while (end < frame.length() && frame.charAt(end) != '"') {
            end++;
        }
        return frame.subSequence(start, end).toString();
    }

    /** The value of the first integer field {@code "name":123}, or -1. */
    static long longField(CharSequence frame, String name) {
        return longAfter(frame, "\"" + name + "\":");
    }

    /** The non-negative integer right after the first {@code needle} (e.g. {@code "ph":}), or -1. */
    static long longAfter(CharSequence frame, String needle) {
        int at = indexOf(frame, needle, 0);
        if (at < 0) {
            return -1;
        }
        int i = at + needle.length();
        while (i < frame.length() && frame.charAt(i) == ' ') {
            i++;
        }
        long value = 0;
        boolean any = false;
        while (i < frame.length()) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            any = true;
            i++;
        }
        return any ? value : -1;
    }

    static int indexOf(CharSequence text, String needle, int from) {
        int last = text.length() - needle.length();
        char first = needle.charAt(0);
        for (int i = from; i <= last; i++) {
            if (text.charAt(i) != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length() && text.charAt(i + j) == needle.charAt(j)) {
                j++;
            }
            if (j == needle.length()) {
                return i;
            }
        }
        return -1;
    }
}
