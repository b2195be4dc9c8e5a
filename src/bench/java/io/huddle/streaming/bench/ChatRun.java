package io.huddle.streaming.bench;

import java.util.Locale;

/**
 * The figures of one publishing run of the chat mode, between its first send and its last ({@code sending}): the
 * acks (stored messages) and receipts (deliveries) counted over that window, the server's, the runner's and the
 * other processes' CPU over it, and the latency of every ack and receipt of the run. {@code drained} says every
 * publish was answered and every delivery arrived afterwards.
 */
record ChatRun(Recorder recorder, Snapshot start, Snapshot sending, boolean drained) {

    String name() {
        return recorder.name();
    }

    double seconds() {
        return (sending.nanos() - start.nanos()) / 1e9;
    }

    long stored() {
        return sending.acks() - start.acks();
    }

    long deliveries() {
        return sending.receipts() - start.receipts();
    }

    double storedPerSecond() {
        return stored() / seconds();
    }

    double deliveriesPerSecond() {
        return deliveries() / seconds();
    }

    long serverCpuNanos() {
        return sending.serverCpu() - start.serverCpu();
    }

    long clientCpuNanos() {
        return sending.clientCpu() - start.clientCpu();
    }

    long otherCpuNanos() {
        return Math.max(0, sending.machine() - start.machine() - serverCpuNanos() - clientCpuNanos());
    }

    double serverCpuMicrosPerPublish() {
        return serverCpuNanos() / 1e3 / stored();
    }

    double serverCpuMicrosPerDelivery() {
        return serverCpuNanos() / 1e3 / deliveries();
    }

    LatencyHistogram acks() {
        return recorder.acks();
    }

    LatencyHistogram receipts() {
        return recorder.receipts();
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: %d stored, %d delivered in %.2f s = %.0f stored/s, %.0f deliveries/s;"
                        + " server CPU %.2f s (%.1f µs per publish, %.2f µs per delivery), client %.2f s, other %.2f s;"
                        + " ack p50 %.2f / p99 %.2f ms; receipt p50 %.2f / p99 %.2f ms%s",
                name(), stored(), deliveries(), seconds(), storedPerSecond(), deliveriesPerSecond(),
                serverCpuNanos() / 1e9, serverCpuMicrosPerPublish(), serverCpuMicrosPerDelivery(),
                clientCpuNanos() / 1e9, otherCpuNanos() / 1e9, acks().percentileMillis(0.5),
                acks().percentileMillis(0.99), receipts().percentileMillis(0.5), receipts().percentileMillis(0.99),
                drained ? "" : " (NOT DRAINED)");
    }

    /** Latencies of one run's acks and receipts, recorded by the clients' handlers (thread-safe). */
    record Recorder(String name, int phase, LatencyHistogram acks, LatencyHistogram receipts) {

        Recorder(String name, int phase) {
            this(name, phase, new LatencyHistogram(), new LatencyHistogram());
        }
    }

    /**
     * Counts and CPU times at one moment: {@link BenchmarkRunner#now()}, acks and receipts so far, and the CPU of
     * the server, of this JVM and of the whole machine, in nanoseconds.
     */
    record Snapshot(long nanos, long acks, long receipts, long serverCpu, long clientCpu, long machine) {
    }
}
