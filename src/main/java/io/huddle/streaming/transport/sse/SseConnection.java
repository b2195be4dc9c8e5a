package io.huddle.streaming.transport.sse;

import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.QueuedConnection;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A connection over an SSE stream: each frame is one event named after its type, with the frame as its data;
 * a room {@code message} also carries the stream's resume cursor as its {@code id:}. Heartbeats are comment
 * lines; a successful write counts as liveness. Commands arrive separately (POST), so it is not bidirectional.
 * Closing ends the stream. Thread-safe.
 */
final class SseConnection extends QueuedConnection {

    private final SseEventSink sink;
    private final Sse sse;
    private final SseCursor cursor;
    private final Consumer<SseConnection> onClosed;

    SseConnection(String id, String user, SseEventSink sink, Sse sse, int queueCapacity, SseCursor cursor,
                  Consumer<SseConnection> onClosed, Meters meters) {
        super(id, user, queueCapacity, meters);
        this.sink = sink;
        this.sse = sse;
        this.cursor = cursor;
        this.onClosed = onClosed;
    }

    @Override
    protected CompletionStage<?> write(OutboundFrame frame) {
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

    @Override
    protected void closeTransport(int code, String reason) {
        sink.close();
        onClosed.accept(this);
    }

    /** The seq this stream has reached in {@code room} (from its cursor), if any. */
    Optional<Long> resumeSeq(String room) {
        return cursor.seqOf(room);
    }

    @Override
    public String transport() {
        return "sse";
    }

    @Override
    public boolean isBidirectional() {
        return false;
    }
}
