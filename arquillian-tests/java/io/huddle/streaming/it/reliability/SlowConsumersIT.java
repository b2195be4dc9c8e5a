package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.RawWsClient;
import io.huddle.streaming.it.support.Scrape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that stop reading cannot hurt those that read: 500 WebSocket subscribers read one room while a member
 * publishes 16 KB messages at a fixed rate; then 500 more connections join the room and never read again. Each of
 * them is closed with 4500 (slow consumer) once its send queue is full, and the readers go on getting every
 * message, in order, with a publish-to-receipt p99 close to the one they had alone, before the stalled connections
 * came and again after they were closed (all three are printed, and the p99 of every 5 s beside the stalled ones;
 * the assertion only catches a gross regression, the ratios are quoted from the run: two runs alone differ by
 * more than 10% on a shared machine).
 */
class SlowConsumersIT extends CrashServerTest {

    private static final int READERS = 500;
    private static final int STALLED = 500;
    /**
     * 12 messages of 16 KB a second: 200 KB/s to each connection, so that a stalled one reaches the unread limit
     * (256 KiB) within 2 s, in few frames. The same bytes as 50 messages of 4 KB in a
     * quarter of the frames: at 25,000 frames a second the 500 readers, the server and the load generator, which
     * share 2 cores, saturated them on some machines before a stalled connection came (readers alone p99 0.8 s,
     * readers closed with 4500), and the test measured the machine rather than the isolation.
     */
    private static final int RATE_PER_SECOND = 12;
    /** 20 s: a fresh server still compiles its hot paths after 5 s, which made the first baseline the noisier. */
    private static final int WARM_UP = 240;
    private static final int BASELINE = 240;
    /** After the stalled connections are closed, the readers alone again: a second baseline, for the noise. */
    private static final int AFTER = 240;
    /** At least this many messages while the stalled connections are there, and on until all are closed. */
    private static final int WITH_STALLED_AT_LEAST = 60;
    private static final int PAD = 16_000;
    /**
     * Frames a connection may have waiting: a sixteenth of the default (21 s of this room's messages), so that a
     * stalled connection fills it (after the unread limit) in well under a minute.
     */
    private static final int SEND_QUEUE = 256;

    @Override
    Map<String, String> variables() {
        // Heartbeats a minute apart: the stalled connections, which answer no ping, fill their queues before the
        // server gives up waiting for their pongs (and holding them to the unread limit).
        return Map.of("streaming.limits.send-queue", Integer.toString(SEND_QUEUE), "streaming.heartbeat.interval", "60s");
    }

    @Test
    void stalledConnectionsAreClosedWith4500AndTheReadersKeepTheirLatency() throws Exception {
        Api api = new Api(base);
        String room = Api.roomId("stall");
        String publisher = Api.user("pub");
        api.createRoom(publisher, room, "");
        List<String> readerUsers = Api.users("reader", READERS);
        List<String> stalledUsers = Api.users("stalled", STALLED);
        ExecutorService joins = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String user : concat(readerUsers, stalledUsers)) {
                statuses.add(joins.submit(() -> api.post(user, "rooms/" + room + "/members", "{}").status()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(201, status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            joins.shutdownNow();
        }

        List<RoomReader> readers = new ArrayList<>();
        List<RawWsClient> stalled = new ArrayList<>();
        ExecutorService readerThreads = Executors.newCachedThreadPool();
        try (PacedPublisher pub = new PacedPublisher(RawWsClient.connect(base, publisher, 256 * 1024), room, RATE_PER_SECOND, PAD)) {
            for (String user : readerUsers) {
                RoomReader reader = new RoomReader(RawWsClient.connect(base, user, 256 * 1024), room);
                readers.add(reader);
                readerThreads.submit(reader);
            }
            await("every reader to have joined").atMost(Duration.ofSeconds(120))
                    .until(() -> readers.stream().allMatch(r -> r.joined));
            pub.start(readerThreads);

            pub.publish(0, WARM_UP);
            awaitDelivered(readers, 0, WARM_UP);
            pub.publish(1, BASELINE);
            awaitDelivered(readers, 1, BASELINE);
            double heapBefore = Scrape.of(base).value("memory_usedHeap_bytes");
            double closedBefore = closedWith4500();

            for (String user : stalledUsers) {
                RawWsClient client = RawWsClient.connect(base, user, 4096);
                stalled.add(client);
                RoomReader.joinAndStop(client, room);
            }
            long stalledAt = System.nanoTime();
            int withStalled = pub.publishUntil(2, WITH_STALLED_AT_LEAST, Duration.ofSeconds(120),
                    () -> closedWith4500() - closedBefore >= STALLED);
            double closedIn = (System.nanoTime() - stalledAt) / 1e9;
            awaitDelivered(readers, 2, withStalled);
            pub.publish(3, AFTER);
            awaitDelivered(readers, 3, AFTER);
            double heapAfter = Scrape.of(base).value("memory_usedHeap_bytes");
            assertEquals(STALLED, closedWith4500() - closedBefore, "stalled connections closed with 4500");

            ExecutorService drains = Executors.newFixedThreadPool(STALLED);
            try {
                List<Future<Integer>> codes = new ArrayList<>();
                for (RawWsClient client : stalled) {
                    codes.add(drains.submit(() -> client.readUntilClose(300_000)));
                }
                for (Future<Integer> code : codes) {
                    assertEquals(4500, code.get(330, TimeUnit.SECONDS), "a stalled connection's close code");
                }
            } finally {
                drains.shutdownNow();
            }
            for (RoomReader reader : readers) {
                assertEquals(null, reader.anomaly, "a reader stopped");
                reader.assertInOrder();
            }

            long[] baseline = latencies(readers, 1);
            long[] beside = latencies(readers, 2);
            double p50Base = percentile(baseline, 0.50);
            double p99Base = percentile(baseline, 0.99);
            double p50Stalled = percentile(beside, 0.50);
            double p99Stalled = percentile(beside, 0.99);
            double p99After = percentile(latencies(readers, 3), 0.99);
            System.out.printf("[reliability] slow consumers: %d readers, %d msgs/s of %d B; alone p50 %.1f ms p99 %.1f ms"
                            + " (%d msgs); beside %d stalled p50 %.1f ms p99 %.1f ms (%d msgs), p99 ratio %.2f;"
                            + " all %d stalled closed with 4500 within %.1f s; heap used %.0f MB before, %.0f MB after%n",
                    READERS, RATE_PER_SECOND, PAD, p50Base, p99Base, BASELINE, STALLED, p50Stalled, p99Stalled,
                    withStalled, p99Stalled / p99Base, STALLED, closedIn, heapBefore / 1e6, heapAfter / 1e6);
            System.out.printf("[reliability] slow consumers: readers alone again after the stalled ones were closed: p99 %.1f ms"
                            + " (%d msgs); beside the stalled against the mean of both runs alone: p99 ratio %.2f; second run alone"
                            + " against the first: %.2f%n", p99After, AFTER, p99Stalled / ((p99Base + p99After) / 2),
                    p99After / p99Base);
            System.out.println("[reliability] slow consumers: readers' p99 by 5 s of publishing beside the stalled ones: "
                    + windows(readers, 2, stalledAt) + "longest pause between two publishes " + pub.longestPause / 1_000_000 + " ms");
            // Not the ratio (this machine runs the 1,000 clients beside the server, and the stalled connections
            // are written to until their buffers fill): a bound that the closes' taking the container's shared
            // threads broke by far (p99 4.8 s to 15 s).
            assertTrue(p99Stalled <= Math.max(1_000, 10 * p99Base), "readers' p99 beside stalled connections "
                    + p99Stalled + " ms against " + p99Base + " ms alone");
        } finally {
            readers.forEach(RoomReader::close);
            stalled.forEach(RawWsClient::close);
            readerThreads.shutdownNow();
        }
    }

    private double closedWith4500() {
        Scrape scrape = Scrape.of(base);
        String name = "huddle_connections_closed_total";
        return scrape.has(name) ? scrape.value(name, "transport", "websocket", "code", "4500") : 0;
    }

    private static void awaitDelivered(List<RoomReader> readers, int phase, int count) {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> readers.stream().allMatch(r -> r.received(phase) >= count));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> short_ = readers.stream().filter(r -> r.received(phase) < count)
                    .map(r -> r.received(phase) + (r.closeCode < 0 ? "" : " (closed " + r.closeCode + ")")).toList();
            throw new AssertionError(short_.size() + " readers did not get the " + count + " messages of phase " + phase
                    + " within 120 s; they got " + short_.subList(0, Math.min(20, short_.size())), e);
        }
    }

    private static long[] latencies(List<RoomReader> readers, int phase) {
        return readers.stream().flatMapToLong(r -> Arrays.stream(r.latencies(phase))).sorted().toArray();
    }

    /** The p99 of the messages of {@code phase} sent in each 5 s from {@code start}, in ms. */
    private static String windows(List<RoomReader> readers, int phase, long start) {
        java.util.Map<Long, List<Long>> byWindow = new java.util.TreeMap<>();
        for (RoomReader r : readers) {
            long[] sent = r.sentAt(phase);
            long[] latency = r.latencies(phase);
            for (int i = 0; i < sent.length; i++) {
                byWindow.computeIfAbsent((sent[i] - start) / 5_000_000_000L, w -> new ArrayList<>()).add(latency[i]);
            }
        }
        StringBuilder out = new StringBuilder();
        byWindow.forEach((w, l) -> out.append(String.format("%ds: %.0f ms; ", w * 5,
                percentile(l.stream().mapToLong(Long::longValue).sorted().toArray(), 0.99))));
        return out.toString();
    }

    /** The {@code q} quantile of sorted nanosecond latencies, in milliseconds. */
    private static double percentile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
