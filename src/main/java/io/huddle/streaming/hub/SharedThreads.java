package io.huddle.streaming.hub;

/**
 * Marks the threads that work for many connections at once (the writers that store and deliver room messages):
 * on such a thread a transport never writes a frame with a call that may block, but hands it to its
 * asynchronous sender, so one connection's socket can never stall the others. A thread-confined mark, not shared
 * state. Measured reason: a blocking WebSocket write from a writer thread to a publisher's own connection was seen
 * to wait forever inside Liberty's TCP channel ({@code SimpleSync.simpleWait}), which stopped every room of that
 * writer (MemoryBoundsIT).
 */
public final class SharedThreads {

    private static final ThreadLocal<Boolean> SHARED = new ThreadLocal<>();

    private SharedThreads() {
    }

    /** Marks the calling thread as shared, until {@link #leave()}. */
    public static void enter() {
        SHARED.set(Boolean.TRUE);
    }

    /** Removes the calling thread's mark. */
    public static void leave() {
        SHARED.remove();
    }

    /** Whether the calling thread works for many connections, so that it must not block on one. */
    public static boolean onSharedThread() {
        return SHARED.get() != null;
    }
}
