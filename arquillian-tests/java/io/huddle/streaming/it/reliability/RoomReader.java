package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.RawWsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket subscriber of one room that reads as fast as it can on a thread of its own, answering pings, and
 * records for each message its seq and its publish-to-receipt time, by the phase the publisher stamped into it
 * ({@code data.ph}, {@code data.t}: the publisher's {@link System#nanoTime()}, the same JVM).
 */
final class RoomReader implements Callable<Void>, AutoCloseable {

    private static final int PHASES = 4;

    private final RawWsClient ws;
    private final String room;
    private final long[][] latencies = new long[PHASES][1024];
    private final long[][] sentAt = new long[PHASES][1024];
    private final int[] counts = new int[PHASES];
    private long[] seqs = new long[4096];
    private int seqCount;
    volatile boolean joined;
    /** The close code the server sent, -1 while none came. */
    volatile int closeCode = -1;
    /** What went wrong in reading, if anything: a close, an unexpected frame, a frame that did not parse. */
    volatile String anomaly;

    RoomReader(RawWsClient ws, String room) {
        this.ws = ws;
        this.room = room;
    }

    /** Joins {@code room} and reads until the join is acknowledged; the client then reads nothing more. */
    static void joinAndStop(RawWsClient ws, String room) throws IOException {
        ws.sendText(join(room));
        while (!ws.readFrame(30_000).text().contains("\"ref\":\"join\"")) {
            // the welcome, presence: until the join's ack
        }
    }

    private static byte[] join(String room) {
        return ("{\"type\":\"join\",\"ref\":\"join\",\"room\":\"" + room + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Void call() throws IOException {
        ws.sendText(join(room));
        String previous = "";
        try {
            while (true) {
                RawWsClient.Frame frame = ws.readFrame(120_000);
                long now = System.nanoTime();
                if (frame.opcode() == 9) {
                    ws.sendPong(frame.payload());
                } else if (frame.opcode() == 8) {
                    closeCode = frame.closeCode();
                    anomaly = "close frame " + frame.describeClose() + " after " + tail(previous);
                    return null;
                } else if (frame.opcode() == 1) {
                    previous = frame.text();
                    record(previous, now);
                } else {
                    anomaly = "frame with opcode " + frame.opcode() + ": " + tail(frame.text()) + " after " + tail(previous);
                    return null;
                }
            }
        } catch (IOException e) {
            return null; // closed by the test
        } catch (RuntimeException | AssertionError e) {
            anomaly = e + " in " + tail(previous);
            return null;
        }
    }

    private static String tail(String text) {
        return text.length() <= 300 ? text : text.substring(0, 150) + " ... " + text.substring(text.length() - 150);
    }

    private void record(String text, long now) {
        if (!joined && text.contains("\"ref\":\"join\"")) {
            joined = true;
        }
        if (!text.startsWith("{\"type\":\"message\"")) {
            return;
        }
        int phase = (int) number(text, "\"ph\":");
        long sent = number(text, "\"t\":");
        long latency = now - sent;
        synchronized (this) {
            if (seqCount == seqs.length) {
                seqs = Arrays.copyOf(seqs, seqCount * 2);
            }
            seqs[seqCount++] = number(text, "\"seq\":");
            if (counts[phase] == latencies[phase].length) {
                latencies[phase] = Arrays.copyOf(latencies[phase], counts[phase] * 2);
                sentAt[phase] = Arrays.copyOf(sentAt[phase], counts[phase] * 2);
            }
            sentAt[phase][counts[phase]] = sent;
            latencies[phase][counts[phase]++] = latency;
        }
    }

    private static long number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            throw new AssertionError("no " + key + " in " + text);
        }
        int i = at + key.length();
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return value;
    }

    synchronized int received(int phase) {
        return counts[phase];
    }

    /** When each message of {@code phase} was sent ({@link System#nanoTime()}), in the order of {@link #latencies}. */
    synchronized long[] sentAt(int phase) {
        return Arrays.copyOf(sentAt[phase], counts[phase]);
    }

    synchronized long[] latencies(int phase) {
        return Arrays.copyOf(latencies[phase], counts[phase]);
    }

    /** Every message arrived once, in seq order from 1. */
    synchronized void assertInOrder() {
        assertTrue(seqCount > 0, "no message arrived");
        for (int i = 0; i < seqCount; i++) {
            assertEquals(i + 1, seqs[i], "the reader's " + (i + 1) + "th message");
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
