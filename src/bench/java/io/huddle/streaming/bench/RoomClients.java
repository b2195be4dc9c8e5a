package io.huddle.streaming.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The single-room mode's WebSocket clients and the runs they make: P publishers ({@code rp-0}…, members of the
 * room who never send {@code join}), each keeping up to K {@code publish} commands waiting for their answer, and one
 * subscriber ({@code rs-0}, joined) that checks that the room's seqs arrive one after the other.
 *
 * <p>Each publish carries its send time ({@code System.nanoTime()} less a fixed offset) in its data and at the
 * start of its {@code ref}, so the ack's latency is read from the ack itself and the subscriber's from the message.
 * Membership, not {@code join}, decides which connections the server delivers a room's messages to, so the
 * publishers get every message too: they count those copies and otherwise ignore them. Each connection has its own
 * HTTP client, whose I/O thread runs the frame handler. Every wait is bounded.
 */
final class RoomClients {

    private static final String MESSAGE_PREFIX = "{\"type\":\"message\"";
    private static final String REF_FIELD = "\"ref\":\"";
    private static final String SENT_FIELD = "\"sentNs\":";
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final long DRAIN_TIMEOUT_SECONDS = 120;

    private final String host;
    private final int port;
    private final String room;
    private final String roomField;
    private final int inFlight;
    private final List<Publisher> publishers = new ArrayList<>();
    private final ExecutorService senders;
    private WsConnection subscriber;
    private volatile RoomRun.Recorder recording;

    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong maxAckedSeq = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong publisherCopies = new AtomicLong();
    /** The subscriber's view of the room; written by its handler only, which sees one frame at a time. */
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong seqBreaks = new AtomicLong();
    private final AtomicReference<String> firstBreak = new AtomicReference<>();
    private final AtomicLong foreign = new AtomicLong();
    private volatile long lastSeq = -1;

    private RoomClients(String host, int port, String room, int publisherCount, int inFlight) {
        this.host = host;
        this.port = port;
        this.room = room;
        this.roomField = "\"room\":\"" + room + "\"";
        this.inFlight = inFlight;
        AtomicLong threads = new AtomicLong();
        this.senders = Executors.newFixedThreadPool(publisherCount, r -> {
            Thread t = new Thread(r, "room-publisher-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects {@code publisherCount} publishers (awaiting their welcome) and the subscriber, which joins. */
    static RoomClients connect(String host, int port, String room, int publisherCount, int inFlight) throws Exception {
        RoomClients clients = new RoomClients(host, port, room, publisherCount, inFlight);
        try {
            for (int i = 0; i < publisherCount; i++) {
                Publisher p = new Publisher(i, "rp-" + i, new Semaphore(inFlight));
                p.connection = clients.open(p.user, (c, f) -> clients.onPublisherFrame(p, c, f));
                clients.publishers.add(p);
            }
            clients.subscriber = clients.open("rs-0", clients::onSubscriberFrame);
            BenchmarkRunner.expectAck(clients.subscriber.ask("{\"type\":\"join\",\"room\":\"" + room
                    + "\",\"ref\":\"join\"}", 30), "rs-0 join");
        } catch (Exception | Error e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    private WsConnection open(String user, BiConsumer<WsConnection, CharSequence> handler) throws Exception {
        HttpClient client = HttpClient.newBuilder().executor(Runnable::run).connectTimeout(Duration.ofSeconds(30)).build();
        URI uri = URI.create("ws://" + host + ":" + port + "/ws?user=" + user);
        return WsConnection.open(client, uri, handler).thenCompose(c -> c.ready.thenApply(v -> c))
                .get(60, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------------ frames

    private void onPublisherFrame(Publisher p, WsConnection connection, CharSequence frame) {
        if (WsConnection.startsWith(frame, MESSAGE_PREFIX)) {
            publisherCopies.incrementAndGet();
            return;
        }
        String type = WsConnection.stringField(frame, "type");
        if ("ack".equals(type)) {
            long t = BenchmarkRunner.now();
            maxAckedSeq.accumulateAndGet(WsConnection.longField(frame, "seq"), Math::max);
            acks.incrementAndGet();
            RoomRun.Recorder current = recording;
            if (current != null) {
                current.acked(t, WsConnection.longAfter(frame, REF_FIELD));
            }
            p.window.release();
        } else if ("error".equals(type)) {
            errors.incrementAndGet();
            lastError.set(frame.toString());
            p.window.release();
        } else if ("welcome".equals(type)) {
            connection.ready.complete(null);
        }
    }

    private void onSubscriberFrame(WsConnection connection, CharSequence frame) {
        if (WsConnection.startsWith(frame, MESSAGE_PREFIX)) {
            received(frame);
            return;
        }
        BenchmarkRunner.control(connection, frame);
    }

    private void received(CharSequence frame) {
        long t = BenchmarkRunner.now();
        if (WsConnection.indexOf(frame, roomField, 0) < 0) {
            foreign.incrementAndGet();
            return;
        }
        long seq = WsConnection.longField(frame, "seq");
        long previous = lastSeq;
        if (previous >= 0 && seq != previous + 1) {
            seqBreaks.incrementAndGet();
            firstBreak.compareAndSet(null, "seq " + seq + " after " + previous);
        }
        lastSeq = seq;
        receipts.incrementAndGet();
        RoomRun.Recorder current = recording;
        if (current != null) {
            current.received(t, WsConnection.longAfter(frame, SENT_FIELD));
        }
    }

    // -------------------------------------------------------------------------------------------------- runs

    /**
     * Every publisher sends as fast as its answers come back (K waiting) for {@code seconds}; the window is that
     * time. Counts the acks and receipts that arrived within it and the server's, client's and other processes'
     * CPU over it; then waits until every publish was answered and delivered (whose latencies still count).
     */
    RoomRun saturate(String name, double seconds, ProcessHandle server) throws Exception {
        RoomRun.Recorder current = new RoomRun.Recorder();
        recording = current;
        long duration = (long) (seconds * 1e9);
        RoomRun.CpuSample before = RoomRun.CpuSample.take(server);
        long start = BenchmarkRunner.now();
        current.windowEnd = start + duration;
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (Publisher p : publishers) {
            sending.add(CompletableFuture.runAsync(() -> sendUntil(p, current.windowEnd), senders));
        }
        long wait;
        while ((wait = current.windowEnd - BenchmarkRunner.now()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 10_000_000));
        }
        RoomRun.CpuSample after = RoomRun.CpuSample.take(server);
        await(sending, ANSWER_TIMEOUT_SECONDS + 30);
        boolean drained = drain(name);
        recording = null;
        return current.finish(name, duration, before, after, Double.NaN, drained);
    }

    /**
     * The publishers together send {@code rate} publishes per second for {@code seconds}, split evenly: each on a
     * fixed schedule, offset from the others. A publisher whose K publishes all wait for their answer sends its
     * late ones as answers come (never more than K waiting), and latencies count from the scheduled time, so
     * falling behind does not hide latency. The run lasts from the first scheduled send to the last answer.
     */
    RoomRun paced(String name, double rate, double seconds, ProcessHandle server) throws Exception {
        int count = publishers.size();
        double interval = 1e9 * count / rate;
        long perPublisher = Math.max(10, Math.round(rate / count * seconds));
        RoomRun.Recorder current = new RoomRun.Recorder();
        recording = current;
        RoomRun.CpuSample before = RoomRun.CpuSample.take(server);
        long start = BenchmarkRunner.now() + TimeUnit.MILLISECONDS.toNanos(50);
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (Publisher p : publishers) {
            long offset = (long) (interval * p.index / count);
            sending.add(CompletableFuture.runAsync(() -> {
                for (long j = 0; j < perPublisher; j++) {
                    long scheduled = start + offset + (long) (j * interval);
                    long wait;
                    while ((wait = scheduled - BenchmarkRunner.now()) > 0) {
                        LockSupport.parkNanos(Math.min(wait, 1_000_000));
                    }
                    acquire(p);
                    p.connection.send(publish(p, scheduled));
                }
            }, senders));
        }
        await(sending, (long) (seconds * 10) + ANSWER_TIMEOUT_SECONDS + 30);
        boolean drained = drain(name);
        RoomRun.CpuSample after = RoomRun.CpuSample.take(server);
        recording = null;
        long nanos = Math.max(1, current.lastAck() - start);
        return current.finish(name, nanos, before, after, rate, drained);
    }

    private void sendUntil(Publisher p, long end) {
        while (true) {
            acquire(p);
            long t = BenchmarkRunner.now();
            if (t >= end) {
                p.window.release();
                return;
            }
            p.connection.send(publish(p, t));
        }
    }

    private void acquire(Publisher p) {
        try {
            if (!p.window.tryAcquire(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(p.user + ": no answer to a publish for " + ANSWER_TIMEOUT_SECONDS
                        + " s (" + errors.get() + " errors, last " + lastError.get() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(p.user + " interrupted", e);
        }
    }

    /** The next publish of {@code p}; only the thread sending for {@code p} calls it. */
    private String publish(Publisher p, long sentNanos) {
        long n = p.next++;
        return "{\"type\":\"publish\",\"room\":\"" + room + "\",\"ref\":\"" + sentNanos + "." + n + "\",\"data\":{\"sentNs\":"
                + sentNanos + ",\"p\":" + p.index + ",\"n\":" + n + "}}";
    }

    private static void await(List<CompletableFuture<Void>> sending, long timeoutSeconds) throws Exception {
        try {
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Waits until every publish was answered and the subscriber received every acked message; false (and a
     * warning) when that takes longer than two minutes or a connection was closed.
     */
    private boolean drain(String name) throws InterruptedException {
        long deadline = BenchmarkRunner.now() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_SECONDS);
        while (publishers.stream().anyMatch(p -> p.window.availablePermits() < inFlight) || receipts.get() < acks.get()) {
            if (closedConnections() > 0 || BenchmarkRunner.now() > deadline) {
                BenchmarkRunner.log(String.format(Locale.ROOT, "WARNING: %s: not every publish was answered and"
                                + " delivered (%d acks, %d received by the subscriber, %d connections closed)",
                        name, acks.get(), receipts.get(), closedConnections()));
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private long closedConnections() {
        return publishers.stream().filter(p -> p.connection.isClosed()).count()
                + (subscriber != null && subscriber.isClosed() ? 1 : 0);
    }

    // ------------------------------------------------------------------------------------------- correctness

    /** What went wrong over all runs so far: publish errors, seq breaks, lost or extra messages, closed connections. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (errors.get() > 0) {
            problems.add(errors.get() + " publishes answered with an error (last: " + lastError.get() + ")");
        }
        if (seqBreaks.get() > 0) {
            problems.add(seqBreaks.get() + " seq gaps or reorderings at the subscriber (first: " + firstBreak.get() + ")");
        }
        if (receipts.get() != acks.get() || lastSeq != maxAckedSeq.get()) {
            problems.add("the subscriber received " + receipts.get() + " messages up to seq " + lastSeq + "; "
                    + acks.get() + " publishes were acked, up to seq " + maxAckedSeq.get());
        }
        if (foreign.get() > 0) {
            problems.add("the subscriber received " + foreign.get() + " messages of another room");
        }
        if (closedConnections() > 0) {
            problems.add(closedConnections() + " connections were closed by the server");
        }
        return problems;
    }

    long acks() {
        return acks.get();
    }

    long errors() {
        return errors.get();
    }

    long seqBreaks() {
        return seqBreaks.get();
    }

    long publisherCopies() {
        return publisherCopies.get();
    }

    void close() {
        List<WsConnection> all = new ArrayList<>();
        publishers.forEach(p -> all.add(p.connection));
        if (subscriber != null) {
            all.add(subscriber);
        }
        all.removeIf(java.util.Objects::isNull);
        BenchmarkRunner.closeAll(all);
        senders.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------- types

    /** One publisher: its connection, its window of K unanswered publishes, its next message number. */
    private static final class Publisher {
        final int index;
        final String user;
        final Semaphore window;
        volatile WsConnection connection;
        long next;

        Publisher(int index, String user, Semaphore window) {
            this.index = index;
            this.user = user;
            this.window = window;
        }
    }
}
