package io.huddle.streaming.hub;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendQueueTest {

    private final List<String> written = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final List<OutboundFrame> dropped = new ArrayList<>();

    private SendQueue queue(int capacity) {
        return queue(capacity, frame -> {
            written.add(frame.json());
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            return done;
        });
    }

    /** A queue that writes with {@code writer} and counts its overflows, failures and drops in this test's fields. */
    private SendQueue queue(int capacity, Function<OutboundFrame, CompletionStage<?>> writer) {
        return new SendQueue(capacity) {
            @Override
            protected CompletionStage<?> write(OutboundFrame frame) {
                return writer.apply(frame);
            }

            @Override
            protected void overflowed() {
                overflows.incrementAndGet();
            }

            @Override
            protected void writeFailed(Throwable failure) {
                failures.incrementAndGet();
            }

            @Override
            protected void dropped(OutboundFrame frame) {
                dropped.add(frame);
            }
        };
    }

    private static OutboundFrame message(String text) {
        return OutboundFrame.of("message", text);
    }

    private static OutboundFrame typing(String text) {
        return OutboundFrame.droppable("typing", text);
    }

    @Test
    void writesOneFrameAtATimeInOrder() {
        SendQueue q = queue(10);
        q.offer(message("a"));
        q.offer(message("b"));
        q.offer(message("c"));
        assertEquals(List.of("a"), written, "only one write may be in flight");
        pending.get(0).complete(null);
        assertEquals(List.of("a", "b"), written);
        pending.get(1).complete(null);
        pending.get(2).complete(null);
        assertEquals(List.of("a", "b", "c"), written);
        assertEquals(0, q.size());
    }

    @Test
    void aFrameOfferedToAnIdleQueueIsWrittenByTheOfferingThreadWithoutWaiting() {
        List<Thread> writers = new ArrayList<>();
        SendQueue q = queue(1, frame -> {
            writers.add(Thread.currentThread());
            return CompletableFuture.completedFuture(null);
        });
        q.offer(message("a"));
        q.offer(message("b"));
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), writers);
        assertEquals(0, q.size());
        assertEquals(0, overflows.get(), "frames written at once never count against the capacity");
    }

    @Test
    void synchronousWritesDrainWithoutRecursion() {
        SendQueue q = queue(100_000, frame -> {
            written.add(frame.json());
            return CompletableFuture.completedFuture(null);
        });
        for (int i = 0; i < 50_000; i++) {
            q.offer(message(Integer.toString(i)));
        }
        assertEquals(50_000, written.size());
    }

    @Test
    void fullQueueDropsDroppableFramesButOverflowsOnMessages() {
        SendQueue q = queue(2);
        q.offer(message("in-flight"));
        q.offer(message("1"));
        q.offer(message("2"));
        q.offer(typing("dropped"));
        assertEquals(0, overflows.get());
        assertEquals(List.of("dropped"), dropped.stream().map(OutboundFrame::json).toList(),
                "the dropped frame is reported");
        q.offer(message("3"));
        assertEquals(1, overflows.get());
        pending.get(0).complete(null);
        pending.get(1).complete(null);
        pending.get(2).complete(null);
        assertEquals(List.of("in-flight", "1", "2"), written);
    }

    @Test
    void droppableFramesFillOnlyHalfTheQueueSoThatMessagesStillFit() {
        SendQueue q = queue(4);
        q.offer(message("in-flight"));
        for (int i = 0; i < 10; i++) {
            q.offer(typing("presence " + i));
        }
        assertEquals(8, dropped.size(), "two droppable frames wait, the others are dropped");
        q.offer(message("1"));
        q.offer(message("2"));
        assertEquals(0, overflows.get(), "the half kept free takes the messages");
        q.offer(message("3"));
        assertEquals(1, overflows.get());
        for (int i = 0; i < 5; i++) {
            pending.get(i).complete(null);
        }
        assertEquals(List.of("in-flight", "presence 0", "presence 1", "1", "2"), written);
    }

    @Test
    void failedWriteStopsTheQueueAndReportsOnce() {
        SendQueue q = queue(10);
        q.offer(message("a"));
        q.offer(message("b"));
        pending.get(0).completeExceptionally(new RuntimeException("gone"));
        q.offer(message("c"));
        assertEquals(List.of("a"), written);
        assertEquals(1, failures.get());
    }

    @Test
    void finishRunsAfterQueuedFramesAreWrittenAndRefusesNewOnes() {
        SendQueue q = queue(10);
        AtomicInteger finished = new AtomicInteger();
        q.offer(message("a"));
        q.offer(message("b"));
        q.finish(finished::incrementAndGet);
        q.offer(message("late"));
        assertEquals(0, finished.get());
        pending.get(0).complete(null);
        assertEquals(0, finished.get());
        pending.get(1).complete(null);
        assertEquals(1, finished.get());
        assertEquals(List.of("a", "b"), written);
    }

    @Test
    void finishOnAnIdleQueueRunsAtOnce() {
        SendQueue q = queue(10);
        AtomicInteger finished = new AtomicInteger();
        q.finish(finished::incrementAndGet);
        q.finish(finished::incrementAndGet);
        assertTrue(finished.get() == 1);
    }
}
