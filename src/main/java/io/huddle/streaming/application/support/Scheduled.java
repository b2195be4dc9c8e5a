package io.huddle.streaming.application.support;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A periodic background task on the server's managed scheduler: runs every {@code period}, logs and survives
 * a failing run, and stops when cancelled.
 */
public final class Scheduled {

    private static final Logger LOG = Logger.getLogger(Scheduled.class.getName());

    private Scheduled() {
    }

    /** Runs {@code task} once after {@code delay}; {@code name} is used in logs. */
    public static ScheduledFuture<?> after(Duration delay, String name, Runnable task) {
        return scheduler(name).schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> name + " failed");
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static ManagedScheduledExecutorService scheduler(String name) {
        try {
            return InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
        } catch (NamingException e) {
            throw new IllegalStateException("no managed scheduler for " + name, e);
        }
    }

    /** Starts {@code task} every {@code period}; {@code name} is used in logs. */
    public static ScheduledFuture<?> every(Duration period, String name, Runnable task) {
        ManagedScheduledExecutorService scheduler = scheduler(name);
        long millis = Math.max(1, period.toMillis());
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> name + " failed; next run in " + period);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
