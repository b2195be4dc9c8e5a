package io.huddle.streaming.application.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs use cases in a transaction, with the semantics of {@code REQUIRED}: joins the caller's transaction
 * (marking it rollback-only if the work fails), or begins one and commits it, rolling back when the work throws.
 * A rule violation ({@link io.huddle.streaming.protocol.HuddleException}) is an ordinary outcome here: it rolls
 * back and reaches the caller unchanged, without the server recording it as an incident. The after-commit work
 * of a transaction begun here ({@link AfterCommit}) runs once the commit has returned, before this returns
 * ({@link DeferredCompletions} says why). Thread-safe.
 */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

    /** The container's UserTransaction acts on the calling thread's transaction: one serves every call. */
    private final ContainerObject<UserTransaction> userTransaction = new ContainerObject<>("java:comp/UserTransaction");

    /** Runs {@code work} in a transaction and returns its result. */
    public <T> T required(Supplier<T> work) {
        UserTransaction tx = userTransaction();
        try {
            if (tx.getStatus() == Status.STATUS_ACTIVE) {
                return joined(tx, work);
            }
            tx.begin();
        } catch (SystemException | NotSupportedException e) {
            throw new IllegalStateException("could not begin a transaction", e);
        }
        // The after-commit work runs when the scope closes: after the commit returned its connection to the pool.
        try (DeferredCompletions afterCommit = DeferredCompletions.open()) {
            return beganHere(tx, work);
        }
    }

    private static <T> T beganHere(UserTransaction tx, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            rollback(tx);
            throw e;
        }
        try {
            tx.commit();
        } catch (RollbackException | HeuristicMixedException | HeuristicRollbackException | SystemException e) {
            throw new IllegalStateException("the transaction could not commit", e);
        }
        return result;
    }

    /** Whether the calling thread is in an active transaction (work given to {@link #required} would join it). */
    public boolean isActive() {
        try {
            return userTransaction().getStatus() == Status.STATUS_ACTIVE;
        } catch (SystemException e) {
            throw new IllegalStateException("could not read the transaction's status", e);
        }
    }

    /** Runs {@code work} in a transaction. */
    public void required(Runnable work) {
        required(() -> {
            work.run();
            return null;
        });
    }

    private static <T> T joined(UserTransaction tx, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            try {
                tx.setRollbackOnly();
            } catch (SystemException | IllegalStateException marking) {
                LOG.log(Level.FINE, "could not mark the caller's transaction rollback-only", marking);
            }
            throw e;
        }
    }

    private static void rollback(UserTransaction tx) {
        try {
            tx.rollback();
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.WARNING, "rollback failed", e);
        }
    }

    private UserTransaction userTransaction() {
        return userTransaction.get();
    }
}
