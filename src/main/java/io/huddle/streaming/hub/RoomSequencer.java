package io.huddle.streaming.hub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands a cluster node's room messages on in seq order, each once, whichever node stored them. Every room message
 * has a gap-free seq, so a node can tell when one is missing: frames above a hole are held, and when the hole is
 * still there after {@code gapWait} the missing messages are read from history (the database is the truth, the
 * messaging topic only the fast path); a seq history no longer holds is passed over. The first frames of a room
 * this node has not seen yet are held for {@code gapWait} too, so the run starts at the lowest seq that arrived
 * in that time. {@link #catchUp()} reads what a node missed while it was cut off from the topic. Frames that are
 * not room messages are handed on at once. Hand-off happens under the room's lock and must not block.
 * Thread-safe.
 */
public final class RoomSequencer {

    private static final Logger LOG = Logger.getLogger(RoomSequencer.class.getName());
    private static final long UNKNOWN = -1;
    /** How often a failing history read is tried before the seqs it was for are passed over. */
    private static final int READ_ATTEMPTS = 5;

    private final Consumer<Envelope> deliver;
    private final RoomHistory history;
    private final ScheduledExecutorService timers;
    private final long gapWaitMillis;
    private final Map<String, Order> rooms = new ConcurrentHashMap<>();
    private final LongAdder readFromHistory = new LongAdder();
    private final LongAdder passedOver = new LongAdder();

    public RoomSequencer(Consumer<Envelope> deliver, RoomHistory history, ScheduledExecutorService timers,
                         Duration gapWait) {
        this.deliver = deliver;
        this.history = history;
        this.timers = timers;
        this.gapWaitMillis = Math.max(1, gapWait.toMillis());
    }

    /** Takes an envelope from this node or another. Never throws for a failing delivery. */
    public void accept(Envelope envelope) {
        if (envelope.target() != Envelope.Target.ROOM || envelope.frame().seq() == 0) {
            deliver.accept(envelope);
            return;
        }
        while (!rooms.computeIfAbsent(envelope.first(), Order::new).offer(envelope)) {
            Thread.onSpinWait();
        }
    }

    /** Reads from history, for every room this node follows, what was stored after the last seq it handed on. */
    public void catchUp() {
        for (Order order : rooms.values()) {
            schedule(order::catchUp, 0);
        }
    }

    /** Forgets rooms with nothing held that saw no frame for {@code idle}; their next frame starts a new run. */
    public int forgetIdle(Duration idle) {
        long cutoff = System.nanoTime() - idle.toNanos();
        int forgotten = 0;
        for (Order order : rooms.values()) {
            if (order.retireIfIdle(cutoff)) {
                rooms.remove(order.room, order);
                forgotten++;
            }
        }
        return forgotten;
    }

    /** How many messages were read from history to fill holes. */
    public long readFromHistory() {
        return readFromHistory.sum();
    }

    /** How many seqs were passed over because history no longer held them. */
    public long passedOver() {
        return passedOver.sum();
    }

    /** How many rooms are followed. */
    public int rooms() {
        return rooms.size();
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "not reading history: the node is stopping", e);
        }
    }

    private void handOn(Envelope envelope) {
        try {
            deliver.accept(envelope);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "could not deliver message " + envelope.frame().seq() + " of " + envelope.first());
        }
    }

    /** One room's run of seqs on this node. Guarded by its own lock. */
    private final class Order {
        final String room;
        /** The last seq handed on, or {@link #UNKNOWN} before the first run started. */
        long last = UNKNOWN;
        final TreeMap<Long, Envelope> held = new TreeMap<>();
        boolean checking;
        boolean retired;
        int failedReads;
        long touched = System.nanoTime();

        Order(String room) {
            this.room = room;
        }

        /** @return false if this order was retired meanwhile (the caller takes a fresh one) */
        synchronized boolean offer(Envelope envelope) {
            if (retired) {
                return false;
            }
            touched = System.nanoTime();
            long seq = envelope.frame().seq();
            if (last != UNKNOWN && seq <= last) {
                return true;
            }
            if (seq == last + 1 && held.isEmpty()) {
                last = seq;
                handOn(envelope);
                return true;
            }
            held.putIfAbsent(seq, envelope);
            if (last != UNKNOWN) {
                drain();
            }
            if (!held.isEmpty() && !checking) {
                checking = true;
                schedule(this::check, gapWaitMillis);
            }
            return true;
        }

        private void drain() {
            while (!held.isEmpty() && held.firstKey() == last + 1) {
                last++;
                handOn(held.pollFirstEntry().getValue());
            }
        }

        /** Runs {@code gapWait} after frames were held: starts the run, or fills the hole below them from history. */
        void check() {
            long after;
            long upTo;
            synchronized (this) {
                checking = false;
                if (last == UNKNOWN && !held.isEmpty()) {
                    last = held.firstKey() - 1;
                    drain();
                }
                if (held.isEmpty()) {
                    return;
                }
                after = last;
                upTo = held.firstKey() - 1;
            }
            fill(after, upTo);
        }

        /** After the node was cut off: whatever history holds above the last seq handed on. */
        void catchUp() {
            long after;
            synchronized (this) {
                if (last == UNKNOWN || retired) {
                    return;
                }
                after = last;
            }
            try {
                OptionalLong latest = history.lastSeq(room);
                if (latest.isPresent() && latest.getAsLong() > after) {
                    fill(after, latest.getAsLong());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "could not catch up room " + room + " from history; trying again");
                schedule(this::catchUp, gapWaitMillis * 10);
            }
        }

        private void fill(long after, long upTo) {
            List<OutboundFrame> frames;
            try {
                frames = history.messages(room, after, upTo);
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (++failedReads < READ_ATTEMPTS) {
                        LOG.log(Level.WARNING, e, () -> "could not read messages " + (after + 1) + ".." + upTo + " of room "
                                + room + " from history; trying again");
                        if (!checking) {
                            checking = true;
                            schedule(this::check, gapWaitMillis * 2);
                        }
                        return;
                    }
                }
                LOG.log(Level.WARNING, e, () -> "passing over messages " + (after + 1) + ".." + upTo + " of room " + room
                        + ": history could not be read " + READ_ATTEMPTS + " times");
                frames = List.of();
            }
            synchronized (this) {
                failedReads = 0;
                for (OutboundFrame frame : frames) {
                    if (frame.seq() > last) {
                        held.putIfAbsent(frame.seq(), Envelope.toRoom(room, frame));
                    }
                }
                readFromHistory.add(frames.size());
                drain();
                // What history does not hold up to upTo is gone for good (deleted): pass over it.
                while (last < upTo) {
                    long next = held.isEmpty() ? upTo + 1 : Math.min(held.firstKey(), upTo + 1);
                    passedOver.add(next - 1 - last);
                    last = next - 1;
                    drain();
                }
                if (!held.isEmpty() && !checking) {
                    checking = true;
                    schedule(this::check, gapWaitMillis);
                }
            }
        }

        synchronized boolean retireIfIdle(long cutoff) {
            if (held.isEmpty() && !checking && touched - cutoff < 0) {
                retired = true;
            }
            return retired;
        }
    }
}
