package io.huddle.streaming.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * N subscribers and one publisher on one {@link FanoutTarget}; runs of messages published at a fixed rate, each
 * measured from its first scheduled send to its last receipt.
 */
final class PacedFanout implements AutoCloseable {

    private static final String PHASE = "\"ph\":";
    private static final String SENT = "\"sentNs\":";

    private final FanoutTarget target;
    private final String room;
    private final List<WsConnection> subscribers = new ArrayList<>();
    private WsConnection publisher;
    private volatile BenchmarkRunner.Phase current;

    private PacedFanout(FanoutTarget target, String room) {
        this.target = target;
        this.room = room;
    }

    /** Connects {@code n} subscribers and the publisher (Huddle: each joins {@code room}, which must exist). */
    static PacedFanout connect(FanoutTarget target, int n, List<HttpClient> clients, String room) throws Exception {
        PacedFanout fanout = new PacedFanout(target, room);
        Semaphore permits = new Semaphore(100);
        List<CompletableFuture<WsConnection>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!permits.tryAcquire(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(target.name() + ": connections stopped opening after " + i + " of " + n);
            }
            CompletableFuture<WsConnection> one = fanout.open(clients.get(i % clients.size()), target.subscriber().apply(i),
                    true);
            one.whenComplete((c, e) -> permits.release());
            opening.add(one);
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        opening.forEach(o -> fanout.subscribers.add(o.join()));
        fanout.publisher = fanout.open(clients.get(0), target.publisher(), false).get(60, TimeUnit.SECONDS);
        if (target.wire() == FanoutTarget.Wire.HUDDLE) {
            List<WsConnection> all = new ArrayList<>(fanout.subscribers);
            all.add(fanout.publisher);
            for (WsConnection c : all) {
                BenchmarkRunner.expectAck(c.ask("{\"type\":\"join\",\"room\":\"" + room + "\",\"ref\":\"j\"}", 60), "join");
                c.answer = null;
            }
        }
        return fanout;
    }

    private CompletableFuture<WsConnection> open(HttpClient client, java.net.URI uri, boolean subscriber) {
        FanoutTarget.Wire wire = target.wire();
        return WsConnection.open(client, uri, (c, frame) -> {
                    if (WsConnection.longAfter(frame, PHASE) >= 0) {
                        if (subscriber) {
                            delivered(frame);
                        }
                    } else {
                        wire.control(c, frame);
                    }
                })
                // The bare loop and Node's ws say nothing on opening: the handshake is all there is.
                .thenCompose(c -> wire == FanoutTarget.Wire.RAW ? CompletableFuture.completedFuture(c) : c.ready.thenApply(v -> c))
                .orTimeout(60, TimeUnit.SECONDS);
    }

    private void delivered(CharSequence frame) {
        BenchmarkRunner.Phase run = current;
        if (run != null && run.id == WsConnection.longAfter(frame, PHASE)) {
            run.delivered(WsConnection.longAfter(frame, SENT));
        }
    }

    /**
     * Publishes {@code rate} messages/s for {@code seconds} and waits for every delivery (at most 60 s after the
     * last send). With {@code mustDrain} false a run that does not drain is still answered (a warm-up).
     */
    Measured run(String label, int id, double rate, double seconds, boolean mustDrain) throws Exception {
        int count = (int) Math.max(1, Math.round(rate * seconds));
        BenchmarkRunner.Phase run = new BenchmarkRunner.Phase(id, (long) count * subscribers.size());
        current = run;
        ProcessHandle server = target.process().get();
        long jit0 = jitNanos(server);
        long machine0 = Machine.busyNanos();
        long server0 = LibertyServer.cpuNanos(server);
        long client0 = BenchmarkRunner.clientCpuNanos();
        double interval = 1e9 / rate;
        long start = BenchmarkRunner.now() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < count; i++) {
            long scheduled = start + (long) (i * interval);
            long wait;
            while ((wait = scheduled - BenchmarkRunner.now()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            String data = "{\"ph\":" + id + ",\"i\":" + i + ",\"sentNs\":" + scheduled + "}";
            FanoutTarget.Wire.send(publisher, target.wire().publish(room, data, i));
        }
        boolean drained = run.done.await(60, TimeUnit.SECONDS);
        long end = drained ? run.lastNanos : BenchmarkRunner.now();
        long serverCpu = LibertyServer.cpuNanos(server) - server0;
        long clientCpu = BenchmarkRunner.clientCpuNanos() - client0;
        long other = Math.max(0, Machine.busyNanos() - machine0 - serverCpu - clientCpu);
        long jit1 = jitNanos(server);
        current = null;
        if (!drained && mustDrain) {
            throw new IllegalStateException(target.name() + " " + label + ": " + run.received.get() + " of "
                    + run.expected + " deliveries within 60 s of the last send");
        }
        long closed = subscribers.stream().filter(WsConnection::isClosed).count();
        if (closed > 0) {
            throw new IllegalStateException(target.name() + ": the server closed " + closed + " subscribers");
        }
        return new Measured(count, run.received.get(), end - start, serverCpu, clientCpu, other,
                jit0 < 0 || jit1 < 0 ? -1 : jit1 - jit0, run.latency);
    }

    /** The JIT compilers' time of a JVM server; -1 for another (Node) or when it cannot be read. */
    static long jitNanos(ProcessHandle server) {
        boolean jvm = server.info().command().map(c -> c.endsWith("/java")).orElse(false);
        return jvm ? BenchmarkRunner.jitNanos(server) : -1;
    }

    @Override
    public void close() {
        List<WsConnection> all = new ArrayList<>(subscribers);
        if (publisher != null) {
            all.add(publisher);
        }
        BenchmarkRunner.closeAll(all);
    }

    /** One measured run. */
    record Measured(int published, long delivered, long nanos, long serverCpuNanos, long clientCpuNanos,
                    long otherCpuNanos, long jitNanos, LatencyHistogram latency) {

        double deliveredPerSecond() {
            return delivered / (nanos / 1e9);
        }

        double serverMicrosPerDelivery() {
            return serverCpuNanos / 1e3 / delivered;
        }

        String summary(String name) {
            return String.format(Locale.ROOT, "%s: %d published, %d delivered in %.2f s (%.0f/s); server CPU %.2f s"
                            + " (%.2f µs per delivery, JIT %.2f s); p50 %.2f ms, p99 %.2f ms", name, published, delivered,
                    nanos / 1e9, deliveredPerSecond(), serverCpuNanos / 1e9, serverMicrosPerDelivery(),
                    jitNanos / 1e9, latency.percentileMillis(0.5), latency.percentileMillis(0.99));
        }
    }
}
