package io.huddle.streaming.it.support;

import io.huddle.streaming.application.event.MessageStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test bean deployed with the application: an observer that takes its time over messages whose data is
 * {@code "slow"}, until {@link #release()} (or 30 s).
 */
@ApplicationScoped
public class SlowObserver {

    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);

    void stored(@Observes MessageStored event) throws InterruptedException {
        if ("\"slow\"".equals(event.message().data())) {
            entered.countDown();
            released.await(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until the observer is busy with a slow message. */
    public boolean awaitBusy() throws InterruptedException {
        return entered.await(30, TimeUnit.SECONDS);
    }

    /** Lets the observer finish. */
    public void release() {
        released.countDown();
    }
}
