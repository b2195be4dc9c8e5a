package io.huddle.streaming.bench;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.ArtemisBroker;
import io.huddle.streaming.it.support.LibertyProcess;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster mode ({@code -Dbench.mode=cluster}, with {@code -Pbench,cluster}): an Artemis broker and the two
 * cluster nodes ({@code huddle-node-a}, {@code huddle-node-b}, one PostgreSQL database), S subscribers in one room
 * and one publisher on node A, measured twice in the same run: with every subscriber on node A, then with half of
 * them on node B. Each measurement: a warm-up, a saturation run (M publishes, at most W waiting for their ack:
 * deliveries/s over first send to last receipt, and the CPU time of both nodes and the broker per delivery), and a
 * latency run at half the saturation rate, evenly paced, with publish-to-receipt p50/p99 for the subscribers on
 * each node. The cross-node hop's added latency is node B's p99 less node A's in the split run.
 */
final class ClusterBenchmark {

    private static final String MESSAGE_PREFIX = "{\"type\":\"message\"";
    private static final String SENT_FIELD = "\"sentNs\":";

    private final int subscribers = Integer.getInteger("bench.cluster.subscribers", 200);
    private final int messages = Integer.getInteger("bench.cluster.messages", 3000);
    private final int warmup = Integer.getInteger("bench.cluster.warmup", 3000);
    private final int window = Integer.getInteger("bench.cluster.window", 32);
    private final double latencySeconds = Double.parseDouble(System.getProperty("bench.cluster.latency.seconds", "10"));
    private final URL a;
    private final URL b;
    private final LibertyProcess nodeA;
    private final LibertyProcess nodeB;
    private final ArtemisBroker broker;

    ClusterBenchmark() throws Exception {
        a = new URL("http://127.0.0.1:" + Integer.getInteger("bench.cluster.a.port") + "/");
        b = new URL("http://127.0.0.1:" + Integer.getInteger("bench.cluster.b.port") + "/");
        Path wlp = Path.of(System.getProperty("bench.wlp"));
        nodeA = new LibertyProcess(wlp, "huddle-node-a", a);
        nodeB = new LibertyProcess(wlp, "huddle-node-b", b);
        broker = new ArtemisBroker(Path.of(System.getProperty("bench.artemis.home")),
                Path.of(System.getProperty("bench.artemis.instance")), Integer.getInteger("bench.artemis.port"));
    }

    /** One layout's figures. */
    private record Result(String layout, double deliveriesPerSecond, double cpuMicrosPerDelivery,
                          double brokerMicrosPerDelivery, double rate, double p50A, double p99A, double p50B, double p99B) {
    }

    int run() throws Exception {
        try {
            broker.start();
            Path war = Path.of(System.getProperty("bench.war"));
            nodeA.stopQuietly();
            nodeB.stopQuietly();
            nodeA.deployFresh(war);
            nodeB.deployFresh(war);
            for (LibertyProcess node : List.of(nodeA, nodeB)) {
                // One publisher drives the run: its rate may not be what limits it.
                node.environment("STREAMING_LIMITS_MESSAGES_PER_SECOND", "1000000");
                node.environment("STREAMING_LIMITS_MESSAGES_BURST", "1000000");
                node.environment("STREAMING_LIMITS_SEND_QUEUE", "100000");
            }
            nodeA.start();
            nodeB.start();
            System.out.println("[bench] " + Machine.describe(System.getProperty("java.home"),
                    Path.of(System.getProperty("bench.wlp"))));
            Result one = measure("every subscriber on node A", false);
            Result split = measure("half on node A, half on node B", true);
            System.out.printf(Locale.ROOT, "[bench] cluster mode: %d subscribers in one room, publisher on node A, window %d,"
                    + " %d messages%n", subscribers, window, messages);
            System.out.println("[bench] | subscribers | deliveries/s | CPU µs/delivery (both nodes) | broker CPU µs/delivery"
                    + " | half-rate msg/s | p50/p99 on A (ms) | p50/p99 on B (ms) |");
            for (Result r : List.of(one, split)) {
                System.out.printf(Locale.ROOT, "[bench] | %s | %.0f | %.1f | %.1f | %.0f | %.1f / %.1f | %s |%n", r.layout(),
                        r.deliveriesPerSecond(), r.cpuMicrosPerDelivery(), r.brokerMicrosPerDelivery(), r.rate(), r.p50A(),
                        r.p99A(), Double.isNaN(r.p99B()) ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", r.p50B(), r.p99B()));
            }
            double added = split.p99B() - split.p99A();
            System.out.printf(Locale.ROOT, "[bench] cross-node hop at half the maximum rate: p99 on node B %.1f ms against"
                    + " %.1f ms on node A, %.1f ms added (target: at most 10 ms)%n", split.p99B(), split.p99A(), added);
            return 0;
        } finally {
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(nodeB::stopQuietly);
            nodeA.stopQuietly();
            stopping.join();
            broker.kill();
        }
    }

    private Result measure(String layout, boolean split) throws Exception {
        Api api = new Api(a);
        String publisher = "cpub-" + UUID.randomUUID().toString().substring(0, 8);
        String room = "cbench-" + UUID.randomUUID().toString().substring(0, 8);
        api.createRoom(publisher, room, "");
        List<Subscriber> subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            String user = "csub-" + i + "-" + room;
            Api.Reply joined = api.post(user, "rooms/" + room + "/members", "{}");
            if (joined.status() != 201) {
                throw new IllegalStateException("join failed: " + joined);
            }
            subs.add(new Subscriber(split && i % 2 == 1 ? b : a, user));
        }
        for (Subscriber s : subs) {
            s.welcomed.get(30, TimeUnit.SECONDS);
        }
        Publisher pub = new Publisher(a, publisher, room, window);
        pub.welcomed.get(30, TimeUnit.SECONDS);
        try {
            saturate(pub, subs, warmup);
            ProcessHandle pa = nodeA.jvm();
            ProcessHandle pb = nodeB.jvm();
            ProcessHandle pk = broker.process();
            long cpuBefore = LibertyServer.cpuNanos(pa) + LibertyServer.cpuNanos(pb);
            long brokerBefore = LibertyServer.cpuNanos(pk);
            double seconds = saturate(pub, subs, messages);
            long cpu = LibertyServer.cpuNanos(pa) + LibertyServer.cpuNanos(pb) - cpuBefore;
            long brokerCpu = LibertyServer.cpuNanos(pk) - brokerBefore;
            long deliveries = (long) messages * subs.size();
            double rate = messages / seconds / 2;
            paced(pub, subs, rate);
            LatencyHistogram onA = new LatencyHistogram();
            LatencyHistogram onB = new LatencyHistogram();
            for (Subscriber s : subs) {
                s.latencies.forEach(n -> (s.node == a ? onA : onB).record(n));
            }
            return new Result(layout, deliveries / seconds, cpu / 1e3 / deliveries, brokerCpu / 1e3 / deliveries, rate,
                    onA.percentileMillis(0.5), onA.percentileMillis(0.99),
                    onB.count() == 0 ? Double.NaN : onB.percentileMillis(0.5),
                    onB.count() == 0 ? Double.NaN : onB.percentileMillis(0.99));
        } finally {
            pub.close();
            subs.forEach(Subscriber::close);
        }
    }

    /** Publishes {@code count} messages as fast as the window allows; returns seconds from first send to last receipt. */
    private double saturate(Publisher pub, List<Subscriber> subs, int count) throws Exception {
        long expected = received(subs) + (long) count * subs.size();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            pub.publish(0);
        }
        awaitReceipts(subs, expected);
        long last = subs.stream().mapToLong(s -> s.lastReceipt).max().orElse(start);
        return (last - start) / 1e9;
    }

    /** Publishes at {@code rate} for the latency run, with every subscriber recording publish-to-receipt times. */
    private void paced(Publisher pub, List<Subscriber> subs, double rate) throws Exception {
        int count = (int) Math.max(10, rate * latencySeconds);
        long expected = received(subs) + (long) count * subs.size();
        subs.forEach(s -> s.recording = true);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < count; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000));
            }
            pub.publish(scheduled);
        }
        awaitReceipts(subs, expected);
        subs.forEach(s -> s.recording = false);
    }

    private static long received(List<Subscriber> subs) {
        return subs.stream().mapToLong(s -> s.messages.get()).sum();
    }

    private static void awaitReceipts(List<Subscriber> subs, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (received(subs) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received(subs) + " of " + expected + " deliveries within 180 s");
            }
            Thread.sleep(5);
        }
    }

    /** A WebSocket client that hands each whole text frame to {@link #frame}. */
    private abstract static class Client implements WebSocket.Listener {
        final URL node;
        final CompletableFuture<Void> welcomed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        Client(URL node, String user) {
            this.node = node;
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://" + node.getHost() + ":" + node.getPort() + "/ws?user=" + user), this)
                    .orTimeout(30, TimeUnit.SECONDS).join();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"welcome\"")) {
                    welcomed.complete(null);
                } else {
                    frame(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        abstract void frame(String text);

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private static final class Subscriber extends Client {
        final AtomicLong messages = new AtomicLong();
        final List<Long> latencies = new ArrayList<>();
        volatile boolean recording;
        volatile long lastReceipt;

        Subscriber(URL node, String user) {
            super(node, user);
        }

        @Override
        void frame(String text) {
            if (text.startsWith(MESSAGE_PREFIX)) {
                long now = System.nanoTime();
                lastReceipt = now;
                if (recording) {
                    long sent = WsConnection.longAfter(text, SENT_FIELD);
                    synchronized (latencies) {
                        latencies.add(now - sent);
                    }
                }
                messages.incrementAndGet();
            }
        }
    }

    private static final class Publisher extends Client {
        private final Semaphore inFlight;
        private final String room;

        Publisher(URL node, String user, String room, int window) {
            super(node, user);
            this.room = room;
            this.inFlight = new Semaphore(window);
        }

        void publish(long sentNanos) throws InterruptedException {
            if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no ack within 60 s");
            }
            socket.sendText("{\"type\":\"publish\",\"ref\":\"p\",\"room\":\"" + room + "\",\"data\":{\"sentNs\":"
                    + (sentNanos == 0 ? System.nanoTime() : sentNanos) + "}}", true).join();
        }

        @Override
        void frame(String text) {
            if (text.startsWith("{\"type\":\"ack\"") || text.startsWith("{\"type\":\"error\"")) {
                if (text.startsWith("{\"type\":\"error\"")) {
                    System.out.println("[bench] publish refused: " + text);
                }
                inFlight.release();
            }
        }
    }
}
