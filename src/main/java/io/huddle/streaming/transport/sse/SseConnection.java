package io.huddle.streaming.transport.sse;

import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.SendQueue;
import io.huddle.streaming.protocol.CloseCodes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link Connection} over an SSE stream: each frame is one event named after its type, with the frame as its
 * data and, where the frame has one, an {@code id:}. Commands arrive separately (POST), so it is not
 * bidirectional. Closing ends the stream. Thread-safe.
 */
final class SseConnection implements Connection {

    private final String id;
    private final String user;
    private final SseEventSink sink;
    private final Sse sse;
    private final Instant openedAt = Instant.now();
    private final SendQueue queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<SseConnection> onClosed;
    private final SseCursor cursor;

    SseConnection(String id, String user, SseEventSink sink, Sse sse, int queueCapacity, SseCursor cursor,
                  Consumer<SseConnection> onClosed) {
        this.cursor = cursor;
        this.id = id;
        this.user = user;
        this.sink = sink;
        this.sse = sse;
        this.onClosed = onClosed;
        this.queue = new SendQueue(queueCapacity, this::write,
                () -> close(CloseCodes.SLOW_CONSUMER, "send queue overflow"),
                failure -> close(CloseCodes.GOING_AWAY, "client went away"));
    }

    private CompletionStage<?> write(OutboundFrame frame) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().name(frame.type()).data(frame.json());
        if (frame.room().isPresent()) {
            event.id(cursor.advance(frame.room().get(), frame.seq()));
        }
        return sink.send(event.build());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String transport() {
        return "sse";
    }

    @Override
    public boolean isBidirectional() {
        return false;
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public void send(OutboundFrame frame) {
        queue.offer(frame);
    }

    @Override
    public void close(int code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (code == CloseCodes.SLOW_CONSUMER) {
            queue.close();
        }
        queue.finish(() -> {
            sink.close();
            onClosed.accept(this);
        });
    }
}
