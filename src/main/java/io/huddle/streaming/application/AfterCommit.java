package io.huddle.streaming.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs work once the current transaction has committed, and not at all if it rolls back: CDI events and
 * deliveries to clients happen only for what the database has. Outside a transaction the work runs at once.
 * Work runs in the order it was registered; one failing piece is logged and does not stop the others.
 * Thread-safe.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());
    private static final Object KEY = new Object();

    @Inject
    Event<Object> events;

    private volatile TransactionSynchronizationRegistry registry;

    /** Fires {@code event} to CDI observers after commit. */
    public void fire(Object event) {
        run(() -> events.fire(event));
    }

    /** Runs {@code work} after commit. */
    public void run(Runnable work) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr.getTransactionStatus() != Status.STATUS_ACTIVE) {
            runSafely(work);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Runnable> pending = (List<Runnable>) tsr.getResource(KEY);
        if (pending == null) {
            List<Runnable> list = new ArrayList<>();
            tsr.putResource(KEY, list);
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // Nothing to do before the commit.
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        list.forEach(AfterCommit::runSafely);
                    }
                }
            });
            pending = list;
        }
        pending.add(work);
    }

    private static void runSafely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "work after commit failed; the rest goes on", e);
        }
    }

    private TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry tsr = registry;
        if (tsr == null) {
            try {
                tsr = InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException e) {
                throw new IllegalStateException("no transaction synchronization registry", e);
            }
            registry = tsr;
        }
        return tsr;
    }
}
