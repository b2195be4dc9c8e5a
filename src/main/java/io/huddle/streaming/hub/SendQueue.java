package io.huddle.streaming.hub;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A bounded queue of frames for one connection, drained by one writer at a time: frames leave in the order
 * they were offered, and at most one write is in flight. Offering never blocks, provided the writer does not
 * (it finishes at once or completes its stage later). A droppable frame (typing, presence) is dropped when half
 * the queue is taken, so that the other half stays free for the frames that may not be lost: a burst of presence
 * never closes a connection that reads. A frame that may not be dropped and finds the whole queue full triggers
 * the overflow action (the connection closes with 4500) instead of being lost silently. A connection supplies the
 * writing and the actions by subclassing (one object per connection rather than one per action: idle connections
 * are many). Thread-safe.
 */
public abstract class SendQueue {

    // Field updaters rather than atomic objects: one queue per connection, and these fields sit together.
    private static final AtomicIntegerFieldUpdater<SendQueue> SIZE =
            AtomicIntegerFieldUpdater.newUpdater(SendQueue.class, "size");
    private static final AtomicIntegerFieldUpdater<SendQueue> WRITING =
            AtomicIntegerFieldUpdater.newUpdater(SendQueue.class, "writing");
    private static final AtomicReferenceFieldUpdater<SendQueue, Runnable> FINISHER =
            AtomicReferenceFieldUpdater.newUpdater(SendQueue.class, Runnable.class, "finisher");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<SendQueue, Queue> QUEUE =
            AtomicReferenceFieldUpdater.newUpdater(SendQueue.class, Queue.class, "queue");
    private static final Runnable NOTHING = () -> { };

    /**
     * The frames that wait, created when the first frame has to wait: most frames are written at once, and an idle
     * connection's queue would otherwise hold an empty queue (48 bytes) for nothing.
     */
    private volatile Queue<OutboundFrame> queue;
    /** Frames offered and not yet taken by the writer (queued, or being handed to it). */
    private volatile int size;
    /** 1 while one thread holds the writer role. */
    private volatile int writing;
    private volatile boolean closed;
    private volatile boolean finishing;
    private volatile Runnable finisher;
    private final int capacity;
    /** How many frames may wait when a droppable one is offered: half the capacity, at least 1. */
    private final int droppableCapacity;

    /** @param capacity how many frames may wait, at least 1 (droppable ones: half of it) */
    protected SendQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.droppableCapacity = Math.max(1, capacity / 2);
    }

    /** Writes one frame; the stage completes when the transport has taken it. Called by one thread at a time. */
    protected abstract CompletionStage<?> write(OutboundFrame frame);

    /** Run (once per overflow) when a frame that may not be dropped finds the queue full. */
    protected abstract void overflowed();

    /** Run when a write fails; the queue stops writing after that. */
    protected abstract void writeFailed(Throwable failure);

    /** Takes each droppable frame dropped because the queue was full. */
    protected abstract void dropped(OutboundFrame frame);

    /**
     * Writes {@code frame} at once on the calling thread if nothing waits and no write is in progress, otherwise
     * queues it; see the class contract for a full queue. Does nothing once closed.
     */
    public void offer(OutboundFrame frame) {
        if (closed || finishing) {
            return;
        }
        int waiting = SIZE.incrementAndGet(this);
        if (waiting > (frame.droppable() ? droppableCapacity : capacity)) {
            SIZE.decrementAndGet(this);
            if (frame.droppable()) {
                dropped(frame);
            } else {
                overflowed();
            }
            return;
        }
        if (waiting == 1 && !closed && WRITING.compareAndSet(this, 0, 1)) {
            // Nothing waits and nothing is being written: write at once, without queueing.
            SIZE.decrementAndGet(this);
            if (writeHoldingRole(frame)) {
                drain();
            }
            return;
        }
        queue().add(frame);
        drain();
    }

    private Queue<OutboundFrame> queue() {
        Queue<OutboundFrame> q = queue;
        if (q == null) {
            QUEUE.compareAndSet(this, null, new ConcurrentLinkedQueue<OutboundFrame>());
            q = queue;
        }
        return q;
    }

    private boolean nothingWaits() {
        Queue<OutboundFrame> q = queue;
        return q == null || q.isEmpty();
    }

    /** Stops writing at once and discards what waits. */
    public void close() {
        closed = true;
        Queue<OutboundFrame> q = queue;
        if (q != null) {
            q.clear();
        }
    }

    /**
     * Accepts no more frames, writes those already queued, then runs {@code then} once (at once if nothing
     * waits). If the queue is closed or a write fails first, {@code then} still runs.
     */
    public void finish(Runnable then) {
        if (FINISHER.compareAndSet(this, null, Objects.requireNonNull(then, "then"))) {
            finishing = true;
            drain();
            runFinisherIfIdle();
        }
    }

    private void runFinisherIfIdle() {
        if (finishing && (closed || nothingWaits()) && writing == 0) {
            Runnable then = FINISHER.getAndSet(this, NOTHING);
            if (then != null && then != NOTHING) {
                then.run();
            }
        }
    }


    /** How many frames wait to be written. */
    public int size() {
        return size;
    }

    private void drain() {
        while (!closed && !nothingWaits() && WRITING.compareAndSet(this, 0, 1)) {
            OutboundFrame next = queue.poll();
            if (next == null) {
                writing = 0;
                continue;
            }
            SIZE.decrementAndGet(this);
            if (!writeHoldingRole(next)) {
                return;
            }
        }
    }

    /**
     * Writes {@code frame} while holding the writer role; returns whether the write finished at once and
     * successfully (the caller may go on draining). Otherwise its completion releases the role and drains.
     */
    private boolean writeHoldingRole(OutboundFrame frame) {
        CompletableFuture<?> written;
        try {
            written = write(frame).toCompletableFuture();
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
            writing = 0;
            writeFailed(failure);
            runFinisherIfIdle();
            return false;
        }
        writing = 0;
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
