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
 * data; a room {@code message} also carries the stream's resume cursor as its {@code id:}. Heartbeats are
 * comment lines. Commands arrive separately (POST), so it is not bidirectional. Closing ends the stream.
 * Thread-safe.
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
    private volatile Instant lastSeen = openedAt;

    SseConnection(String id, String user, SseEventSink sink, Sse sse, int queueCapacity, SseCursor cursor,
                  Consumer<SseConnection> onClosed) {
        this.id = id;
        this.user = user;
        this.sink = sink;
        this.sse = sse;
        this.cursor = cursor;
        this.onClosed = onClosed;
        this.queue = new SendQueue(queueCapacity, this::write,
                () -> close(CloseCodes.SLOW_CONSUMER, "send queue overflow"),
                failure -> close(CloseCodes.GOING_AWAY, "client went away"));
    }

    private CompletionStage<?> write(OutboundFrame frame) {
        OutboundSseEvent event;
        if (OutboundFrame.HEARTBEAT.equals(frame.type())) {
            event = sse.newEventBuilder().comment("ping").build();
        } else {
            OutboundSseEvent.Builder builder = sse.newEventBuilder().name(frame.type()).data(frame.json());
            if (frame.room().isPresent()) {
                builder.id(cursor.advance(frame.room().get(), frame.seq()));
            }
            event = builder.build();
        }
        return sink.send(event).thenRun(this::seen);
    }

    /** Records that the client is alive (a write went through, or it posted a command). */
    void seen() {
        lastSeen = Instant.now();
    }

    /** The seq this stream has reached in {@code room} (from its cursor), if any. */
    java.util.Optional<Long> resumeSeq(String room) {
        return cursor.seqOf(room);
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
    public Instant lastSeen() {
        return lastSeen;
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
        if (code == CloseCodes.SLOW_CONSUMER || code == CloseCodes.HEARTBEAT_TIMEOUT) {
            queue.close();
        }
        queue.finish(() -> {
            sink.close();
            onClosed.accept(this);
        });
    }
}
