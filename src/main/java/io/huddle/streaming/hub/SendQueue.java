package io.huddle.streaming.hub;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A bounded queue of frames for one connection, drained by one writer at a time: frames leave in the order
 * they were offered, and at most one write is in flight. Offering never blocks, provided the writer does not
 * (it finishes at once or completes its stage later). When the queue is full a
 * droppable frame is dropped; any other frame triggers the overflow action (the connection closes with 4500)
 * instead of being lost silently. Thread-safe.
 */
public final class SendQueue {

    private final Queue<OutboundFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicReference<Runnable> finisher = new AtomicReference<>();
    private static final Runnable NOTHING = () -> { };
    private final int capacity;
    private final Function<OutboundFrame, CompletionStage<?>> writer;
    private final Runnable onOverflow;
    private final Consumer<Throwable> onWriteFailure;

    /**
     * @param capacity       how many frames may wait, at least 1
     * @param writer         writes one frame; the stage completes when the transport has taken it
     * @param onOverflow     run (once per overflow) when a frame that may not be dropped finds the queue full
     * @param onWriteFailure run when a write fails; the queue stops writing after that
     */
    public SendQueue(int capacity, Function<OutboundFrame, CompletionStage<?>> writer, Runnable onOverflow,
                     Consumer<Throwable> onWriteFailure) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.onOverflow = Objects.requireNonNull(onOverflow, "onOverflow");
        this.onWriteFailure = Objects.requireNonNull(onWriteFailure, "onWriteFailure");
    }

    /**
     * Writes {@code frame} at once on the calling thread if nothing waits and no write is in progress, otherwise
     * queues it; see the class contract for a full queue. Does nothing once closed.
     */
    public void offer(OutboundFrame frame) {
        if (closed.get() || finishing.get()) {
            return;
        }
        int waiting = size.incrementAndGet();
        if (waiting > capacity) {
            size.decrementAndGet();
            if (!frame.droppable()) {
                onOverflow.run();
            }
            return;
        }
        if (waiting == 1 && !closed.get() && writing.compareAndSet(false, true)) {
            // Nothing waits and nothing is being written: write at once, without queueing.
            size.decrementAndGet();
            if (write(frame)) {
                drain();
            }
            return;
        }
        queue.add(frame);
        drain();
    }

    /** Stops writing at once and discards what waits. */
    public void close() {
        closed.set(true);
        queue.clear();
    }

    /**
     * Accepts no more frames, writes those already queued, then runs {@code then} once (at once if nothing
     * waits). If the queue is closed or a write fails first, {@code then} still runs.
     */
    public void finish(Runnable then) {
        if (finisher.compareAndSet(null, Objects.requireNonNull(then, "then"))) {
            finishing.set(true);
            drain();
            runFinisherIfIdle();
        }
    }

    private void runFinisherIfIdle() {
        if (finishing.get() && (closed.get() || queue.isEmpty()) && !writing.get()) {
            Runnable then = finisher.getAndSet(NOTHING);
            if (then != null && then != NOTHING) {
                then.run();
            }
        }
    }


    /** How many frames wait to be written. */
    public int size() {
        return size.get();
    }

    private void drain() {
        while (!closed.get() && !queue.isEmpty() && writing.compareAndSet(false, true)) {
            OutboundFrame next = queue.poll();
            if (next == null) {
                writing.set(false);
                continue;
            }
            size.decrementAndGet();
            if (!write(next)) {
                return;
            }
        }
    }

    /**
     * Writes {@code frame} while holding the writer role; returns whether the write finished at once and
     * successfully (the caller may go on draining). Otherwise its completion releases the role and drains.
     */
    private boolean write(OutboundFrame frame) {
        CompletableFuture<?> written;
        try {
            written = writer.apply(frame).toCompletableFuture();
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        if (!written.isDone()) {
            written.whenComplete((ignored, failure) -> afterWrite(failure, true));
            return false;
        }
        return afterWrite(written.isCompletedExceptionally() ? failureOf(written) : null, false);
    }

    private boolean afterWrite(Throwable failure, boolean continueDraining) {
        if (failure != null) {
            close();
            writing.set(false);
            onWriteFailure.accept(failure);
            runFinisherIfIdle();
            return false;
        }
        writing.set(false);
        if (continueDraining) {
            drain();
        }
        runFinisherIfIdle();
        return true;
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }
}
