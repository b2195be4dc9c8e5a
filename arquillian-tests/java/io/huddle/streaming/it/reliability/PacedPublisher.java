package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.RawWsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A room member that publishes over WebSocket at a fixed rate, each message stamped with a phase and its send
 * time ({@code data.ph}, {@code data.t}, read by {@link RoomReader}); it reads (and discards) what the server
 * sends it, answering pings, and fails the publishing when the server refuses a publish or closes it.
 */
final class PacedPublisher implements AutoCloseable {
    private final RawWsClient ws;
    private final String room;
    private final String pad;
    private final int ratePerSecond;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    /** The longest time between two publishes, in ns (the test's own pauses, if any). */
    volatile long longestPause;
    private volatile String refused;
    private int sent;

    /** Publishes to {@code room} over {@code ws}, {@code ratePerSecond} messages a second, each {@code padding} characters long. */
    PacedPublisher(RawWsClient ws, String room, int ratePerSecond, int padding) {
        this.ws = ws;
        this.room = room;
        this.ratePerSecond = ratePerSecond;
        this.pad = "x".repeat(padding);
    }

    /** Reads (and discards) what the server sends the publisher, answering pings, watching for errors. */
    void start(ExecutorService threads) {
        threads.submit(() -> {
            while (true) {
                RawWsClient.Frame frame = ws.readFrame(120_000);
                if (frame.opcode() == 9) {
                    synchronized (ws) {
                        ws.sendPong(frame.payload());
                    }
                } else if (frame.opcode() == 8) {
                    refused = "the server closed the publisher: " + frame.describeClose();
                    return null;
                } else if (frame.opcode() == 1 && frame.text().startsWith("{\"type\":\"error\"")) {
                    refused = frame.text();
                }
            }
        });
    }

    void publish(int phase, int count) throws Exception {
        publishUntil(phase, count, Duration.ofSeconds(120), () -> true);
    }

    /**
     * Publishes at least {@code atLeast} messages of {@code phase}, then on until {@code done} (asked twice a
     * second on a thread of its own, since it may be slow) or {@code limit} passed; returns how many.
     */
    int publishUntil(int phase, int atLeast, Duration limit, BooleanSupplier done) throws Exception {
        int[] count = {0};
        long[] last = {0};
        CompletableFuture<Integer> finished = new CompletableFuture<>();
        long deadline = System.nanoTime() + limit.toNanos();
        AtomicBoolean enough = new AtomicBoolean();
        var watch = watcher.scheduleWithFixedDelay(() -> enough.set(done.getAsBoolean() || System.nanoTime() > deadline),
                0, 500, TimeUnit.MILLISECONDS);
        var task = clock.scheduleAtFixedRate(() -> {
            try {
                if (count[0] >= atLeast && enough.get()) {
                    finished.complete(count[0]);
                    return;
                }
                long now = System.nanoTime();
                if (last[0] != 0) {
                    longestPause = Math.max(longestPause, now - last[0]);
                }
                last[0] = now;
                String json = "{\"type\":\"publish\",\"ref\":\"p" + sent++ + "\",\"room\":\"" + room
                        + "\",\"data\":{\"ph\":" + phase + ",\"t\":" + now + ",\"pad\":\"" + pad + "\"}}";
                synchronized (ws) {
                    ws.sendText(json.getBytes(StandardCharsets.UTF_8));
                }
                count[0]++;
            } catch (IOException | RuntimeException e) {
                finished.completeExceptionally(new AssertionError("publishing failed (" + refused + ")", e));
            }
        }, 0, 1_000_000 / ratePerSecond, TimeUnit.MICROSECONDS);
        try {
            int published = finished.get(limit.toSeconds() + 60, TimeUnit.SECONDS);
            assertEquals(null, refused, "a publish was refused");
            return published;
        } finally {
            task.cancel(false);
            watch.cancel(false);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        watcher.shutdownNow();
        ws.close();
    }
}
