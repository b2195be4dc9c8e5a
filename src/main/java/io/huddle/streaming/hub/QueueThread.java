package io.huddle.streaming.hub;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A queue with a thread of its own (from the container's thread factory) that takes what is queued, in order, up
 * to {@code batchMax} items at a time, and hands each batch to its handler. The thread is a shared one
 * ({@link SharedThreads}): it works for many connections and never blocks on one. Stopping is a marker in the
 * queue, not an interrupt (H2 closes its file when a thread is interrupted while writing to it): what was queued
 * before {@link #stop()} is handled first; what is left, or offered once the thread has ended, goes to
 * {@code refused} on the offering thread. Thread-safe.
 *
 * @param <T> what is queued
 */
public final class QueueThread<T> implements Runnable {

    /** Queued by {@link #stop()}: the thread ends when it takes it. */
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final int batchMax;
    private final Consumer<List<T>> handler;
    private final Consumer<T> refused;
    private final Thread thread;
    /** Whether the thread still takes items (changed under this object's lock). */
    private boolean open = true;

    public QueueThread(ManagedThreadFactory threads, String name, int batchMax, Consumer<List<T>> handler, Consumer<T> refused) {
        this.batchMax = batchMax;
        this.handler = handler;
        this.refused = refused;
        thread = threads.newThread(this);
        thread.setName(name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code item}, or hands it to {@code refused} at once if the thread has ended. */
    public void offer(T item) {
        synchronized (this) {
            if (open) {
                queue.add(item);
                return;
            }
        }
        refused.accept(item);
    }

    @Override
    public void run() {
        SharedThreads.enter();
        try {
            for (boolean last = false; !last; ) {
                List<Object> taken = new ArrayList<>();
                taken.add(queue.take());
                queue.drainTo(taken, batchMax - 1);
                last = taken.remove(END);
                if (!taken.isEmpty()) {
                    handler.accept(items(taken));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                open = false;
            }
            for (Object left; (left = queue.poll()) != null; ) {
                if (left != END) {
                    refused.accept(item(left));
                }
            }
            SharedThreads.leave();
        }
    }

    /** Ends the thread once what is queued now is handled, waiting for that at most {@code waitMillis}. */
    public void stop(long waitMillis) {
        queue.add(END);
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> items(List<Object> taken) {
        return (List<T>) (List<?>) taken;
    }

    @SuppressWarnings("unchecked")
    private static <T> T item(Object taken) {
        return (T) taken;
    }
}
