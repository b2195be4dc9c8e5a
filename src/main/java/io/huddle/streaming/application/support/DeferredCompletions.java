package io.huddle.streaming.application.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a committed transaction's after-commit work until the commit has returned to the thread that began the
 * transaction, and runs it there.
 * <p>
 * Why: the container calls a transaction's synchronizations ({@link AfterCommit}'s among them) before it gives
 * the transaction's database connection back to the pool. After-commit work that needs a connection of its own
 * (a room's members loaded for a delivery) would then hold one connection while waiting for a second. When as
 * many transactions as the pool has connections commit at once, each waits for a connection the others hold,
 * until the pool's timeout fails them all (seen with 40 users joining one room through a pool of 20:
 * {@code J2CA0045E}, joins lost). Run after the commit has returned, the work holds no connection while it waits.
 * <p>
 * {@link Transactions} opens a scope around each transaction it begins and {@linkplain #close closes} it once the
 * commit or rollback has returned; {@link AfterCommit} {@linkplain #defer defers} into the innermost open scope of
 * the committing thread. A thread-local is the only place the committing thread can be told from inside the
 * container's callback. Scopes nest (after-commit work may begin transactions of its own). Not thread-safe: a
 * scope belongs to the thread that opened it.
 */
final class DeferredCompletions implements AutoCloseable {

    private static final ThreadLocal<DeferredCompletions> OPEN = new ThreadLocal<>();

    private final DeferredCompletions outer;
    private List<Runnable> completions;

    private DeferredCompletions(DeferredCompletions outer) {
        this.outer = outer;
    }

    /** Opens a scope on the calling thread: completions deferred until {@link #close} runs them. */
    static DeferredCompletions open() {
        DeferredCompletions scope = new DeferredCompletions(OPEN.get());
        OPEN.set(scope);
        return scope;
    }

    /**
     * Hands {@code completion} to the calling thread's innermost open scope; returns {@code false} when the
     * thread has none (the transaction was begun elsewhere), so that the caller runs it itself.
     */
    static boolean defer(Runnable completion) {
        DeferredCompletions scope = OPEN.get();
        if (scope == null) {
            return false;
        }
        if (scope.completions == null) {
            scope.completions = new ArrayList<>(1);
        }
        scope.completions.add(completion);
        return true;
    }

    /** Closes this scope (the outer one, if any, is open again) and runs what was deferred into it, in order. */
    @Override
    public void close() {
        if (outer == null) {
            OPEN.remove();
        } else {
            OPEN.set(outer);
        }
        if (completions != null) {
            List<Runnable> due = completions;
            completions = null;
            due.forEach(Runnable::run);
        }
    }
}
