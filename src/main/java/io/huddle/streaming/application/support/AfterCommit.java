package io.huddle.streaming.application.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs work once the current transaction has committed, and not at all if it rolls back: CDI events and
 * deliveries to clients happen only for what the database has. Outside a transaction the work runs at once.
 * Work runs in the order it was registered, deliveries first and application observers last; one failing piece
 * is logged and does not stop the others. For a transaction begun by {@link Transactions} it runs on the committing
 * thread once the commit has returned, so that it holds no database connection ({@link DeferredCompletions}).
 * Thread-safe.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());
    private static final Object KEY = new Object();

    @Inject
    Event<Object> events;

    @Inject
    Instance<CommitListener> listenerBeans;

    @Inject
    BeanManager beanManager;

    /** By event type: whether the application observes it synchronously. */
    private final Map<Class<?>, Boolean> synchronousObservers = new ConcurrentHashMap<>();

    private volatile List<CommitListener> commitListeners;

    private final ContainerObject<TransactionSynchronizationRegistry> registry =
            new ContainerObject<>("java:comp/TransactionSynchronizationRegistry");

    /** The order locks in use, by key; a lock is removed when its last user lets go, so only keys in use stay. */
    private final Map<String, OrderLock> orderLocks = new ConcurrentHashMap<>();

    /** A lock of one order key and how many transactions hold it or wait for it (changed only in the map's compute). */
    private static final class OrderLock {
        final Semaphore semaphore = new Semaphore(1);
        int users;
    }

    /**
     * Makes the after-commit work of transactions that call this with the same {@code key} run in the order of
     * their commits: the key is taken just before commit (while the database locks that ordered the
     * transactions are still held) and released once this transaction's after-commit work is done. Used for
     * a room's messages, whose seqs are ordered by the room's row lock.
     */
    public void orderBy(String key) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr.getTransactionStatus() == Status.STATUS_ACTIVE) {
            pending(tsr).keys.add(key);
        }
    }

    /**
     * After commit, hands {@code event} to Huddle's own {@link CommitListener}s (in commit order, under the order
     * keys), and then, once the keys are released, to the application: synchronous {@code @Observes} observers on
     * this thread, and {@code @ObservesAsync} observers on the container's executor. A slow application observer
     * thus delays only the change that fired it, never another publisher of the same room.
     */
    public void fire(Object event) {
        deliver(event);
        notifyApplication(() -> announce(event));
    }

    /**
     * The first half of {@link #fire}: after commit, hands {@code event} to Huddle's own {@link CommitListener}s,
     * in commit order under the order keys. The caller then {@link #announce}s it itself once committed.
     */
    public void deliver(Object event) {
        run(() -> {
            for (CommitListener listener : listeners()) {
                listener.committed(event);
            }
        });
    }

    /**
     * The second half of {@link #fire}, now: synchronous {@code @Observes} observers of {@code event} on this
     * thread, {@code @ObservesAsync} ones on the container's executor. Call only for a change that committed.
     */
    public void announce(Object event) {
        events.fire(event);
        events.fireAsync(event).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, failure, () -> "an asynchronous observer of " + event.getClass().getSimpleName() + " failed");
            }
        });
    }

    /** Whether the application has a synchronous observer of events like {@code event} (asked once per type). */
    public boolean hasSynchronousObservers(Object event) {
        return synchronousObservers.computeIfAbsent(event.getClass(), type -> beanManager.resolveObserverMethods(event)
                .stream().anyMatch(observer -> !observer.isAsync()));
    }

    /**
     * Has the current transaction's after-commit work (deliveries, the release of its order keys, then the
     * application's notifications) run as one task on {@code executor} instead of on the committing thread, which
     * may then go on at once. The order keys stay taken until that task has delivered, so commit order holds
     * across threads. Without an active transaction, does nothing.
     */
    public void runAfterCommitOn(Executor executor) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr.getTransactionStatus() == Status.STATUS_ACTIVE) {
            pending(tsr).executor = executor;
        }
    }

    /** Runs {@code work} after commit, in commit order under the transaction's order keys. */
    public void run(Runnable work) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr.getTransactionStatus() != Status.STATUS_ACTIVE) {
            runSafely(work);
            return;
        }
        pending(tsr).work.add(work);
    }

    /** Runs {@code work} after commit, once the order keys are released. */
    private void notifyApplication(Runnable work) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr.getTransactionStatus() != Status.STATUS_ACTIVE) {
            runSafely(work);
            return;
        }
        pending(tsr).notifications.add(work);
    }

    private List<CommitListener> listeners() {
        List<CommitListener> list = commitListeners;
        if (list == null) {
            list = listenerBeans.stream().toList();
            commitListeners = list;
        }
        return list;
    }

    private Pending pending(TransactionSynchronizationRegistry tsr) {
        Pending pending = (Pending) tsr.getResource(KEY);
        if (pending == null) {
            pending = new Pending();
            tsr.putResource(KEY, pending);
            tsr.registerInterposedSynchronization(pending);
        }
        return pending;
    }

    /** The after-commit work of one transaction, and the order keys it holds around its commit. */
    private final class Pending implements Synchronization {

        final List<Runnable> work = new ArrayList<>();
        final List<Runnable> notifications = new ArrayList<>();
        final SortedSet<String> keys = new TreeSet<>();
        private final List<String> held = new ArrayList<>();
        /** Where the after-commit work runs, if not on the committing thread. */
        Executor executor;

        @Override
        public void beforeCompletion() {
            for (String key : keys) {
                OrderLock lock = orderLocks.compute(key, (k, existing) -> {
                    OrderLock l = existing == null ? new OrderLock() : existing;
                    l.users++;
                    return l;
                });
                lock.semaphore.acquireUninterruptibly();
                held.add(key);
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED && executor != null) {
                try {
                    executor.execute(() -> complete(status));
                    return;
                } catch (RejectedExecutionException e) {
                    LOG.log(Level.FINE, "the after-commit executor refused; running here", e);
                }
            }
            if (status == Status.STATUS_COMMITTED && DeferredCompletions.defer(() -> complete(status))) {
                return;
            }
            complete(status);
        }

        private void complete(int status) {
            try {
                if (status == Status.STATUS_COMMITTED) {
                    work.forEach(AfterCommit::runSafely);
                }
            } finally {
                held.forEach(AfterCommit.this::release);
                held.clear();
            }
            if (status == Status.STATUS_COMMITTED) {
                notifications.forEach(AfterCommit::runSafely);
            }
        }
    }

    private void release(String key) {
        orderLocks.computeIfPresent(key, (k, lock) -> {
            lock.semaphore.release();
            return --lock.users == 0 ? null : lock;
        });
    }

    /** How many order keys are in use now (held or waited for). */
    public int orderKeysInUse() {
        return orderLocks.size();
    }

    private static void runSafely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "work after commit failed; the rest goes on", e);
        }
    }

    private TransactionSynchronizationRegistry registry() {
        return registry.get();
    }
}
