package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.Appended;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.NewMessage;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.hub.QueueThread;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit of room messages: publishes that arrive while a transaction of stored messages is committing
 * wait, and the next transaction stores all of them together, so a busy room pays for one commit per batch
 * instead of one per message. Each publish still passes its own checks (standing, fields, filters), gets its own
 * seq and idempotency check, and its own error; a publish that fails its checks leaves the others of its batch
 * untouched, and if the shared transaction itself fails, every publish of it is stored again in a transaction of
 * its own, so one bad message never takes its batch-mates down (a {@link io.huddle.streaming.application.messaging.MessageFilter}
 * then sees those messages a second time). A publish's future completes only after the transaction holding it
 * committed and after its delivery to the room's connections.
 *
 * <p>Rooms are spread over {@code streaming.publish.writers} writers; a writer stores one batch at a time, so one
 * room's publishes are stored in the order they were submitted. Each writer has a thread of the container's
 * thread factory, and a deliverer thread beside it (see {@link Writer} for why). Thread-safe.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());
    /** How long stopping waits for a writer's batches in progress, and for their deliveries. */
    private static final long STOP_WAIT_MILLIS = 5_000;
    /** Most tasks a deliverer takes from its queue at a time (it runs them one after the other, in order). */
    private static final int DELIVERIES_AT_ONCE = 64;

    @Inject
    Transactions tx;

    @Inject
    MessageRepository messages;

    @Inject
    PublishChecks checks;

    @Inject
    StreamingConfig config;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Meters meters;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threads;


    private volatile Writer[] writers;
    private final LongAdder transactions = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder retried = new LongAdder();

    /**
     * Since the server started: the shared transactions committed, the publishes they held (stored or repeats
     * of an earlier key), and the shared transactions that failed and had their publishes stored one by one.
     */
    public record Counts(long transactions, long messages, long retried) {
    }

    /** What the writers have done so far (a snapshot). */
    public Counts counts() {
        return new Counts(transactions.sum(), stored.sum(), retried.sum());
    }

    /**
     * Stores the publish with the others waiting for its room's writer; the future completes after commit and
     * delivery. With {@code callerAnnounces} the caller hands a new message to the application's observers itself
     * once it has the result ({@link PublishChecks#announce}, on its own thread); otherwise the writer does, on the
     * executor where a synchronous observer would run, without holding up the future.
     */
    CompletableFuture<Published> submit(Actor actor, RoomId room, PublishRequest request, boolean callerAnnounces) {
        Pending pending = new Pending(actor, room, request, callerAnnounces);
        Writer[] all = writers();
        all[Math.floorMod(room.value().hashCode(), all.length)].add(pending);
        return pending.result;
    }

    /** Stores one publish now, in the caller's transaction or one of its own, the way a batch stores each of its. */
    Published storeNow(Actor actor, RoomId room, PublishRequest request) {
        return tx.required(() -> checks.stored(room, appendOne(actor, room, request)));
    }

    private Appended appendOne(Actor actor, RoomId room, PublishRequest request) {
        return messages.append(checks.draft(actor, room, request), config.dedupWindow(), config.historyEnabled());
    }

    private Writer[] writers() {
        Writer[] all = writers;
        if (all == null) {
            synchronized (this) {
                all = writers;
                if (all == null) {
                    all = new Writer[config.publishWriters()];
                    for (int i = 0; i < all.length; i++) {
                        all[i] = new Writer(i);
                    }
                    writers = all;
                }
            }
        }
        return all;
    }

    /**
     * One writer: a queue of publishes with a thread of its own storing them, batch after batch, and beside it a
     * deliverer, the thread that does what a committed batch does next, one batch after the other in commit order
     * (deliver the messages to the room's connections, release the rooms' order keys, complete the publishes, whose
     * acks so follow the deliveries), while the writer stores the next batch.
     * <ul>
     *   <li>Dedicated threads from the container's thread factory, not tasks on the managed executor: connection
     *       threads wait for writers (a pipelined WebSocket connection once 64 publishes are waiting, REST and SSE
     *       requests always), and when writers were tasks on the executor that those threads share, a burst of
     *       waiting connections left no thread to run the writer and stalled every publish (seen with 5 pipelining
     *       connections in {@code GroupCommitIT}).</li>
     *   <li>A deliverer of its own: measured on PostgreSQL, where the writer waits for each commit, delivery on the
     *       writer took a quarter of each batch's time.</li>
     * </ul>
     */
    private final class Writer {

        private final QueueThread<Runnable> deliverer;
        private final QueueThread<Pending> publishes;

        Writer(int index) {
            deliverer = new QueueThread<>(threads, "huddle-publish-deliverer-" + index, DELIVERIES_AT_ONCE,
                    tasks -> tasks.forEach(GroupCommit::runSafely), GroupCommit::runSafely);
            Executor afterCommit = deliverer::offer;
            publishes = new QueueThread<>(threads, "huddle-publish-writer-" + index, config.publishBatchMax(),
                    batch -> write(batch, afterCommit), p -> p.result.completeExceptionally(stopping()));
        }

        void add(Pending pending) {
            publishes.offer(pending);
        }

        /** Stops taking publishes once the ones already queued are stored; then the deliverer stops. */
        void stop() {
            publishes.stop(STOP_WAIT_MILLIS);
            deliverer.stop(STOP_WAIT_MILLIS);
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivering stored messages failed; the next batch goes on", e);
        }
    }

    private static HuddleException stopping() {
        return new HuddleException(ErrorCode.INTERNAL, "the server is stopping");
    }

    @PreDestroy
    void stop() {
        Writer[] all = writers;
        if (all != null) {
            for (Writer writer : all) {
                writer.stop();
            }
        }
    }

    private void write(List<Pending> batch, Executor deliverer) {
        try {
            long start = System.nanoTime();
            tx.required(() -> {
                afterCommit.runAfterCommitOn(deliverer);
                storeTogether(batch);
            });
            meters.historyWritten(System.nanoTime() - start);
            transactions.increment();
            stored.add(batch.stream().filter(p -> p.failure == null).count());
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                Pending only = batch.get(0);
                if (only.failure == null) {
                    // Else its checks failed first (the database gone, say): that says more than the failed commit.
                    only.failure = e;
                }
            } else {
                LOG.log(Level.FINE, e, () -> "a transaction of " + batch.size() + " publishes failed; storing each on its own");
                retried.increment();
                batch.forEach(p -> storeAlone(p, deliverer));
            }
        }
        deliverer.execute(() -> complete(batch));
    }

    /** Checks every publish, then stores those that passed, room by room (rooms in one order: no deadlock between writers). */
    private void storeTogether(List<Pending> batch) {
        Map<RoomId, List<Pending>> byRoom = new TreeMap<>(Comparator.comparing(RoomId::value));
        PublishChecks.Standings standings = new PublishChecks.Standings();
        for (Pending p : batch) {
            p.failure = null;
            try {
                p.draft = checks.draft(p.actor, p.room, p.request, standings);
                byRoom.computeIfAbsent(p.room, r -> new ArrayList<>()).add(p);
            } catch (RuntimeException e) {
                p.failure = e;
            }
        }
        byRoom.forEach((room, pending) -> {
            List<Appended> appended = messages.appendAll(room, pending.stream().map(p -> p.draft).toList(),
                    config.dedupWindow(), config.historyEnabled());
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).published = checks.storedUnannounced(room, appended.get(i));
            }
        });
    }

    private void storeAlone(Pending p, Executor deliverer) {
        p.failure = null;
        try {
            p.published = tx.required(() -> {
                afterCommit.runAfterCommitOn(deliverer);
                return checks.storedUnannounced(p.room, appendOne(p.actor, p.room, p.request));
            });
        } catch (RuntimeException | Error e) {
            p.failure = e;
        }
    }

    /**
     * Completes each publish of a finished batch, and hands each new message whose caller does not do so itself to
     * the application's observers: on the executor where one observes synchronously (a slow observer then holds
     * up neither the writer nor any publish), here where none does (asynchronous observers only).
     */
    private void complete(List<Pending> batch) {
        Boolean blocks = null;
        for (Pending p : batch) {
            p.finish();
            if (p.failure != null || p.callerAnnounces || p.published.duplicate()) {
                continue;
            }
            if (blocks == null) {
                blocks = checks.announcingBlocks(p.room, p.published);
            }
            if (!blocks) {
                announceQuietly(p.room, p.published);
                continue;
            }
            try {
                executor.execute(() -> announceQuietly(p.room, p.published));
            } catch (RejectedExecutionException e) {
                announceQuietly(p.room, p.published);
            }
        }
    }

    /** Hands a committed new message to the application's observers; an observer's failure is logged, the publish stands. */
    void announceQuietly(RoomId room, Published published) {
        try {
            checks.announce(room, published);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of a stored message failed; the publish stands", e);
        }
    }

    /** One publish waiting for its writer, and what became of it. Touched by one writer at a time. */
    private static final class Pending {

        final Actor actor;
        final RoomId room;
        final PublishRequest request;
        final boolean callerAnnounces;
        final CompletableFuture<Published> result = new CompletableFuture<>();
        NewMessage draft;
        Published published;
        Throwable failure;

        Pending(Actor actor, RoomId room, PublishRequest request, boolean callerAnnounces) {
            this.actor = actor;
            this.room = room;
            this.request = request;
            this.callerAnnounces = callerAnnounces;
        }

        void finish() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(published);
            }
        }

    }
}
