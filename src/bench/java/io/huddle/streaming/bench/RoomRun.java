package io.huddle.streaming.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of one run of the single-room mode. {@code nanos} is the measured window (saturation) or the time from
 * the first scheduled send to the last ack (paced); {@code acked} and {@code received} count the acks and the
 * subscriber's receipts that arrived within it, while the latencies cover every ack and receipt of the run; the CPU
 * times are the server process's, the runner's and the rest of the machine's over the same interval; {@code rate}
 * is the paced run's target (NaN for saturation); {@code drained} says every publish was answered and delivered
 * afterwards.
 */
record RoomRun(String name, long nanos, long acked, long received, long serverCpuNanos, long clientCpuNanos,
               long otherCpuNanos, LatencyHistogram ackLatency, LatencyHistogram receiptLatency, double rate,
               boolean drained) {

    double seconds() {
        return nanos / 1e9;
    }

    double acksPerSecond() {
        return acked / seconds();
    }

    double receiptsPerSecond() {
        return received / seconds();
    }

    double serverCpuMicrosPerAck() {
        return acked == 0 ? Double.NaN : serverCpuNanos / 1e3 / acked;
    }

    double clientCpuMicrosPerAck() {
        return acked == 0 ? Double.NaN : clientCpuNanos / 1e3 / acked;
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: %d acked and %d received in %.2f s = %.0f acks/s, %.0f receipts/s;"
                        + " server CPU %.2f s (%.2f µs per stored message), client CPU %.2f s, other processes"
                        + " %.2f s; ack p50 %.2f ms, p99 %.2f ms, max %.2f ms; receipt p50 %.2f ms, p99 %.2f ms",
                name, acked, received, seconds(), acksPerSecond(), receiptsPerSecond(), serverCpuNanos / 1e9,
                serverCpuMicrosPerAck(), clientCpuNanos / 1e9, otherCpuNanos / 1e9,
                ackLatency.percentileMillis(0.50), ackLatency.percentileMillis(0.99), ackLatency.maxMillis(),
                receiptLatency.percentileMillis(0.50), receiptLatency.percentileMillis(0.99));
    }

    /**
     * What arrives during one run, recorded by the clients' frame handlers (thread-safe): the latency of every
     * ack and receipt, counts of those that arrived by {@link #windowEnd}, and the time of the last ack.
     */
    static final class Recorder {
        private final LatencyHistogram ackLatency = new LatencyHistogram();
        private final LatencyHistogram receiptLatency = new LatencyHistogram();
        private final AtomicLong acked = new AtomicLong();
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong lastAck = new AtomicLong();
        /** Acks and receipts after this moment ({@link BenchmarkRunner#now()}) are not counted; none by default. */
        volatile long windowEnd = Long.MAX_VALUE;

        /** An ack arrived at {@code t} for a publish sent at {@code sentNanos} (-1: unknown). */
        void acked(long t, long sentNanos) {
            if (sentNanos >= 0) {
                ackLatency.record(t - sentNanos);
            }
            if (t <= windowEnd) {
                acked.incrementAndGet();
            }
            lastAck.accumulateAndGet(t, Math::max);
        }

        /** The subscriber received at {@code t} a message sent at {@code sentNanos} (-1: unknown). */
        void received(long t, long sentNanos) {
            if (sentNanos >= 0) {
                receiptLatency.record(t - sentNanos);
            }
            if (t <= windowEnd) {
                received.incrementAndGet();
            }
        }

        long lastAck() {
            return lastAck.get();
        }

        RoomRun finish(String name, long nanos, CpuSample before, CpuSample after, double rate, boolean drained) {
            long server = after.serverCpu() - before.serverCpu();
            long client = after.clientCpu() - before.clientCpu();
            long other = Math.max(0, after.machine() - before.machine() - server - client);
            return new RoomRun(name, nanos, acked.get(), received.get(), server, client, other, ackLatency,
                    receiptLatency, rate, drained);
        }
    }

    /** CPU times so far, in nanoseconds: the server process, this JVM, every process of the machine. */
    record CpuSample(long serverCpu, long clientCpu, long machine) {

        static CpuSample take(ProcessHandle server) {
            return new CpuSample(LibertyServer.cpuNanos(server), BenchmarkRunner.clientCpuNanos(), Machine.busyNanos());
        }
    }
}
