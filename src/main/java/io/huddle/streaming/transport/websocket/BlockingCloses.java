package io.huddle.streaming.transport.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes the WebSocket sessions of clients that stopped reading (4500, 4408), on at most {@value #AT_ONCE}
 * threads of the container's managed thread factory that exist only while there are such closes; the others
 * wait their turn. Such a close holds its thread for seconds: the container gives the write still in flight
 * 5.5 s before it writes the close frame anyway, and then waits for the client's. On the container's shared
 * pool (the default managed executor, even one limited to 16 tasks at once) a crowd of stalled clients closed
 * together took the threads that complete the other connections' writes: 500 stalled clients beside 500
 * readers raised the readers' p99 from 23 ms to 4.8 s (15 s unlimited). On threads of their own the readers
 * do not notice them. Thread-safe.
 */
@ApplicationScoped
public class BlockingCloses implements Executor {

    /** How many such closes run at once, at most. */
    static final int AT_ONCE = 32;

    @Resource
    ManagedThreadFactory threads;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(AT_ONCE, AT_ONCE, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Runs {@code close} on one of these threads, or later if all are busy; refused once the application stops. */
    @Override
    public void execute(Runnable close) {
        pool.execute(close);
    }
}
