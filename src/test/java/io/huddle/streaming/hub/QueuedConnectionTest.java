package io.huddle.streaming.hub;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueuedConnectionTest {

    /** A connection whose writes finish at once, recording the frames' types in the order written. */
    private static final class Recording extends QueuedConnection {
        final List<String> written = new ArrayList<>();
        final List<Integer> closes = new ArrayList<>();

        Recording() {
            super("c1", "alice", 16, null);
        }

        @Override
        protected CompletionStage<?> write(OutboundFrame frame) {
            written.add(frame.type());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected void closeTransport(int code, String reason) {
            closes.add(code);
        }

        @Override
        public String transport() {
            return "test";
        }

        @Override
        public boolean isBidirectional() {
            return true;
        }
    }

    private static OutboundFrame frame(String type) {
        return OutboundFrame.of(type, "{\"type\":\"" + type + "\"}");
    }

    @Test
    void framesSentBeforeWelcomeAreWrittenAfterItInTheirOrder() {
        Recording connection = new Recording();
        connection.send(frame("member"));
        connection.send(frame("message"));
        assertEquals(List.of(), connection.written, "nothing is written before welcome");

        connection.send(frame("welcome"));
        connection.send(frame("typing"));

        assertEquals(List.of("welcome", "member", "message", "typing"), connection.written);
    }

    @Test
    void aConnectionClosedBeforeWelcomeStillGetsWhatWasSentToIt() {
        Recording connection = new Recording();
        connection.send(frame("error"));
        connection.close(4429, "too many connections");

        assertEquals(List.of("error"), connection.written);
        assertEquals(List.of(4429), connection.closes);
    }
}
