package io.huddle.streaming.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * The chat mode's clients: one WebSocket connection per user, the rooms each user is a member of, and the publishes
 * they send. A publish goes to a room drawn at random (every room equally likely) from a member drawn at random, so
 * most messages go to the small rooms, as most chat traffic does. Every connection counts the messages it receives,
 * checks that each room's seqs follow one another, and records publish-to-receipt latency; acks are counted and timed
 * by the driver's window. The connections share a few HTTP clients (each has one I/O thread), so that thousands of
 * users do not need thousands of threads. Every wait is bounded.
 */
final class ChatClients {

    private static final String MESSAGE_PREFIX = "{\"type\":\"message\"";
    private static final String PHASE_FIELD = "\"ph\":";
    private static final String SENT_FIELD = "\"sentNs\":";
    private static final int HTTP_CLIENTS = 8;
    private static final long ANSWER_TIMEOUT_SECONDS = 120;

    /** A room of the plan: its id and its members (indexes into the users). */
    record Room(String id, int[] members) {
    }

    private final String host;
    private final int port;
    private final List<String> users;
    private final List<Room> rooms;
    private final List<HttpClient> httpClients = new ArrayList<>();
    private final WsConnection[] connections;
    private final SplittableRandom random = new SplittableRandom(7);

    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong joinAnswers = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong seqBreaks = new AtomicLong();
    private final AtomicReference<String> firstBreak = new AtomicReference<>();
    private volatile Semaphore window = new Semaphore(0);
    private volatile ChatRun.Recorder recording;
    private long sent;

    ChatClients(String host, int port, List<String> users, List<Room> rooms) {
        this.host = host;
        this.port = port;
        this.users = users;
        this.rooms = rooms;
        this.connections = new WsConnection[users.size()];
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            httpClients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
        }
    }

    /**
     * The plan: {@code smallRooms} rooms of {@code smallMin}–{@code smallMax} members and {@code bigRooms} rooms of
     * {@code bigSize} members, drawn from the users with a fixed seed, so that every run has the same rooms.
     */
    static List<Room> plan(int users, int smallRooms, int smallMin, int smallMax, int bigRooms, int bigSize, String prefix) {
        SplittableRandom random = new SplittableRandom(42);
        List<Room> rooms = new ArrayList<>();
        for (int r = 0; r < smallRooms + bigRooms; r++) {
            int size = r < smallRooms ? smallMin + random.nextInt(smallMax - smallMin + 1) : bigSize;
            int[] members = random.ints(0, users).distinct().limit(Math.min(size, users)).toArray();
            rooms.add(new Room(prefix + (r < smallRooms ? "s" : "b") + r, members));
        }
        return rooms;
    }

    /** Opens every user's connection, at most {@code batch} handshakes at a time; returns the nanoseconds taken. */
    long connect(int batch) {
        long start = System.nanoTime();
        for (int from = 0; from < users.size(); from += batch) {
            List<CompletableFuture<Void>> opening = new ArrayList<>();
            for (int i = from; i < Math.min(users.size(), from + batch); i++) {
                int index = i;
                URI uri = URI.create("ws://" + host + ":" + port + "/ws?user=" + users.get(i));
                Map<String, Long> seqs = new HashMap<>();
                opening.add(WsConnection.open(httpClients.get(i % HTTP_CLIENTS), uri,
                                (connection, frame) -> handle(connection, frame, seqs))
                        .thenCompose(connection -> {
                            connections[index] = connection;
                            return connection.ready;
                        }));
            }
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).orTimeout(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        return System.nanoTime() - start;
    }

    /** Every member joins each of its rooms (but the rooms it created), all at once; returns the nanoseconds taken. */
    long joinAll(List<Room> joining, IntPredicate creatorOf) throws InterruptedException {
        long count = 0;
        long before = joinAnswers.get();
        long start = System.nanoTime();
        for (int r = 0; r < joining.size(); r++) {
            Room room = joining.get(r);
            for (int m = 0; m < room.members().length; m++) {
                if (m == 0 && creatorOf.test(r)) {
                    continue;
                }
                connections[room.members()[m]].send("{\"type\":\"join\",\"room\":\"" + room.id() + "\",\"ref\":\"j\"}");
                count++;
            }
        }
        awaitAtLeast(joinAnswers, before + count, "join answers");
        return System.nanoTime() - start;
    }

    /** Publishes for {@code seconds} with up to {@code inFlight} publishes unanswered; then waits for every delivery. */
    ChatRun saturate(String name, int phase, int inFlight, double seconds, ProcessHandle server) throws InterruptedException {
        ChatRun.Recorder recorder = new ChatRun.Recorder(name, phase);
        window = new Semaphore(inFlight);
        recording = recorder;
        ChatRun.Snapshot start = snapshot(server);
        long end = start.nanos() + (long) (seconds * 1e9);
        while (BenchmarkRunner.now() < end) {
            if (window.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                publish(phase, BenchmarkRunner.now());
            }
        }
        return finish(recorder, start, server, inFlight);
    }

    /** Publishes {@code rate} messages per second on a fixed schedule for {@code seconds}; latencies from the schedule. */
    ChatRun paced(String name, int phase, int inFlight, double rate, double seconds, ProcessHandle server)
            throws InterruptedException {
        ChatRun.Recorder recorder = new ChatRun.Recorder(name, phase);
        window = new Semaphore(inFlight);
        recording = recorder;
        ChatRun.Snapshot start = snapshot(server);
        long total = (long) (rate * seconds);
        for (long n = 0; n < total; n++) {
            long due = start.nanos() + (long) (n * 1e9 / rate);
            long wait = due - BenchmarkRunner.now();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!window.tryAcquire(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + ": no publish was answered within " + ANSWER_TIMEOUT_SECONDS + " s");
            }
            publish(phase, due);
        }
        return finish(recorder, start, server, inFlight);
    }

    private ChatRun finish(ChatRun.Recorder recorder, ChatRun.Snapshot start, ProcessHandle server, int inFlight)
            throws InterruptedException {
        ChatRun.Snapshot sending = snapshot(server);
        boolean answered = window.tryAcquire(inFlight, ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        boolean drained = answered && awaitQuietly(receipts, expected.get());
        ChatRun run = new ChatRun(recorder, start, sending, drained);
        recording = null;
        return run;
    }

    private void publish(int phase, long sentNs) {
        int r = random.nextInt(rooms.size());
        Room room = rooms.get(r);
        WsConnection from = connections[room.members()[random.nextInt(room.members().length)]];
        long n = sent++;
        from.send("{\"type\":\"publish\",\"room\":\"" + room.id() + "\",\"ref\":\"p" + r + "." + sentNs
                + "\",\"data\":{\"ph\":" + phase + ",\"sentNs\":" + sentNs + ",\"n\":" + n + "}}");
    }

    /** One frame of one connection; runs on that connection's HTTP client thread, one frame at a time per connection. */
    private void handle(WsConnection connection, CharSequence frame, Map<String, Long> seqs) {
        if (WsConnection.startsWith(frame, MESSAGE_PREFIX)) {
            received(frame, seqs);
            return;
        }
        String type = WsConnection.stringField(frame, "type");
        if ("welcome".equals(type)) {
            connection.ready.complete(null);
        } else if ("ack".equals(type) || "error".equals(type)) {
            answered(frame, type);
        }
    }

    private void received(CharSequence frame, Map<String, Long> seqs) {
        String room = WsConnection.stringField(frame, "room");
        long seq = WsConnection.longField(frame, "seq");
        Long last = seqs.put(room, seq);
        if (last != null && seq != last + 1) {
            seqBreaks.incrementAndGet();
            firstBreak.compareAndSet(null, room + ": seq " + seq + " after " + last);
        }
        receipts.incrementAndGet();
        ChatRun.Recorder recorder = recording;
        if (recorder != null && WsConnection.longAfter(frame, PHASE_FIELD) == recorder.phase()) {
            recorder.receipts().record(BenchmarkRunner.now() - WsConnection.longAfter(frame, SENT_FIELD));
        }
    }

    private void answered(CharSequence frame, String type) {
        String ref = WsConnection.stringField(frame, "ref");
        if (ref == null) {
            errors.incrementAndGet();
            lastError.set(frame.toString());
            return;
        }
        if (ref.equals("j")) {
            if ("error".equals(type)) {
                errors.incrementAndGet();
                lastError.set(frame.toString());
            }
            joinAnswers.incrementAndGet();
            return;
        }
        if ("ack".equals(type)) {
            int dot = ref.indexOf('.');
            expected.addAndGet(rooms.get(Integer.parseInt(ref.substring(1, dot))).members().length);
            acks.incrementAndGet();
            ChatRun.Recorder recorder = recording;
            if (recorder != null) {
                recorder.acks().record(BenchmarkRunner.now() - Long.parseLong(ref.substring(dot + 1)));
            }
        } else {
            errors.incrementAndGet();
            lastError.set(frame.toString());
        }
        window.release();
    }

    private ChatRun.Snapshot snapshot(ProcessHandle server) {
        return new ChatRun.Snapshot(BenchmarkRunner.now(), acks.get(), receipts.get(), LibertyServer.cpuNanos(server),
                BenchmarkRunner.clientCpuNanos(), Machine.busyNanos());
    }

    private static void awaitAtLeast(AtomicLong counter, long target, String what) throws InterruptedException {
        if (!awaitQuietly(counter, target)) {
            throw new IllegalStateException("only " + counter.get() + " of " + target + " " + what + " within "
                    + ANSWER_TIMEOUT_SECONDS + " s");
        }
    }

    private static boolean awaitQuietly(AtomicLong counter, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    long errors() {
        return errors.get();
    }

    String lastError() {
        return lastError.get();
    }

    long seqBreaks() {
        return seqBreaks.get();
    }

    String firstBreak() {
        return firstBreak.get();
    }

    /** Connections the server closed. */
    long closed() {
        long closed = 0;
        for (WsConnection connection : connections) {
            if (connection != null && connection.isClosed()) {
                closed++;
            }
        }
        return closed;
    }

    void close() {
        List<WsConnection> open = new ArrayList<>();
        for (WsConnection connection : connections) {
            if (connection != null) {
                open.add(connection);
            }
        }
        BenchmarkRunner.closeAll(open);
    }
}
