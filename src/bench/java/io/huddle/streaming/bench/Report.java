package io.huddle.streaming.bench;

import io.huddle.streaming.bench.BenchmarkRunner.Measured;
import io.huddle.streaming.bench.BenchmarkRunner.Results;

import java.util.Locale;

/** The result table: one row per metric, Huddle and the bare loop side by side, with the targets. */
final class Report {

    /** The performance targets the benchmark checks. */
    static final double CPU_RATIO_TARGET = 1.25;
    static final double P99_TARGET_MS = 50;
    static final long HEAP_TARGET_BYTES = 20_000;

    private static final String ROW = "%-58s %14s %14s %12s %-20s %s%n";

    private Report() {
    }

    /** Huddle's own heap per idle connection above the runtime's bare connection: the target. */
    static final long OWN_HEAP_TARGET_BYTES = 1_024;

    /**
     * @param greeted heap per idle bare connection that was sent a frame and a ping, or {@code null} when not
     *                measured
     */
    static String table(int subscribers, int idle, Results huddle, Results bare, BenchmarkRunner.IdleHeap greeted) {
        StringBuilder out = new StringBuilder();
        Measured hs = huddle.saturation;
        Measured bs = bare.saturation;
        Measured hl = huddle.latency;
        Measured bl = bare.latency;
        out.append(String.format(Locale.ROOT, ROW, "metric (N = " + subscribers + " subscribers, one room)",
                "Huddle", "bare loop", "Huddle/bare", "target", "result"));
        out.append("-".repeat(130)).append('\n');
        row(out, "delivered messages/s (saturation)", hs.deliveredPerSecond(), bs.deliveredPerSecond(), "%.0f", "", "");
        double cpuRatio = hs.serverCpuMicrosPerDelivery() / bs.serverCpuMicrosPerDelivery();
        row(out, "server CPU µs per delivered message (saturation)", hs.serverCpuMicrosPerDelivery(),
                bs.serverCpuMicrosPerDelivery(), "%.3f", "<= 1.25x bare", passFail(cpuRatio <= CPU_RATIO_TARGET));
        row(out, "publishes/s for the latency run (half the maximum)", hl.publishRate(), bl.publishRate(), "%.1f", "", "");
        row(out, "publish-to-receipt latency p50 at half max rate (ms)", hl.latency().percentileMillis(0.50),
                bl.latency().percentileMillis(0.50), "%.2f", "", "");
        row(out, "publish-to-receipt latency p99 at half max rate (ms)", hl.latency().percentileMillis(0.99),
                bl.latency().percentileMillis(0.99), "%.2f", "< 50 ms",
                passFail(hl.latency().percentileMillis(0.99) < P99_TARGET_MS));
        row(out, "publish-to-receipt latency p99.9 at half max rate (ms)", hl.latency().percentileMillis(0.999),
                bl.latency().percentileMillis(0.999), "%.2f", "", "");
        row(out, "publish-to-receipt latency max at half max rate (ms)", hl.latency().maxMillis(),
                bl.latency().maxMillis(), "%.2f", "", "");
        if (huddle.idleHeap != null) {
            row(out, "server heap per idle connection (bytes, " + idle + " connections)", huddle.idleHeap.used(),
                    bare.idleHeap.used(), "%.0f", "< 20,000 B", passFail(huddle.idleHeap.used() < HEAP_TARGET_BYTES));
        } else {
            out.append(String.format(Locale.ROOT, ROW, "server heap per idle connection", "not measured", "not measured", "", "< 20,000 B", "n/a"));
        }
        out.append("-".repeat(130)).append('\n');
        out.append("context:\n");
        row(out, "  deliveries counted in the saturation run", hs.delivered(), bs.delivered(), "%.0f", "", "");
        row(out, "  saturation run duration (s)", hs.seconds(), bs.seconds(), "%.2f", "", "");
        row(out, "  server CPU in the saturation run (s)", hs.serverCpuNanos() / 1e9, bs.serverCpuNanos() / 1e9, "%.2f", "", "");
        row(out, "  server CPU µs per delivery in the kernel (saturation)", hs.serverSystemMicrosPerDelivery(),
                bs.serverSystemMicrosPerDelivery(), "%.3f", "", "");
        row(out, "  server JIT compilation during the saturation run (s)", hs.jitNanos() < 0 ? Double.NaN : hs.jitNanos() / 1e9,
                bs.jitNanos() < 0 ? Double.NaN : bs.jitNanos() / 1e9,
                "%.2f", "", "");
        row(out, "  client (runner) CPU µs per delivery (saturation)", hs.clientCpuMicrosPerDelivery(),
                bs.clientCpuMicrosPerDelivery(), "%.3f", "", "");
        row(out, "  cores used: server (saturation)", hs.serverCpuNanos() / (double) hs.nanos(),
                bs.serverCpuNanos() / (double) bs.nanos(), "%.2f", "", "");
        row(out, "  cores used: client (saturation)", hs.clientCpuNanos() / (double) hs.nanos(),
                bs.clientCpuNanos() / (double) bs.nanos(), "%.2f", "", "");
        row(out, "  cores used: other processes (saturation)", hs.otherCpuNanos() / (double) hs.nanos(),
                bs.otherCpuNanos() / (double) bs.nanos(), "%.2f", "", "");
        row(out, "  cores used: other processes (latency run)", hl.otherCpuNanos() / (double) hl.nanos(),
                bl.otherCpuNanos() / (double) bl.nanos(), "%.2f", "", "");
        row(out, "  latency p99 in the saturation run (ms)", hs.latency().percentileMillis(0.99),
                bs.latency().percentileMillis(0.99), "%.2f", "", "");
        row(out, "  server CPU µs per delivered message at half max rate", hl.serverCpuMicrosPerDelivery(),
                bl.serverCpuMicrosPerDelivery(), "%.3f", "", "");
        row(out, "  server CPU µs/delivery in the kernel at half max rate", hl.serverSystemMicrosPerDelivery(),
                bl.serverSystemMicrosPerDelivery(), "%.3f", "", "");
        if (huddle.idleHeap != null) {
            idleHeapRows(out, huddle.idleHeap, bare.idleHeap, greeted);
        }
        out.append(String.format(Locale.ROOT, "  Huddle publish errors: %d%s; subscribers closed by the server: Huddle %d, bare %d%n",
                huddle.publishErrors, huddle.lastPublishError == null ? "" : " (last: " + huddle.lastPublishError + ")",
                huddle.closedSubscribers, bare.closedSubscribers));
        if (!huddle.complete || !bare.complete) {
            out.append("  INCOMPLETE: a phase timed out before every delivery arrived (see the log above)\n");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String metric, double huddle, double bare, String format, String target,
                            String result) {
        String ratio = bare > 0 && !Double.isNaN(huddle) ? String.format(Locale.ROOT, "%.2fx", huddle / bare) : "";
        out.append(String.format(Locale.ROOT, ROW, metric, String.format(Locale.ROOT, format, huddle),
                String.format(Locale.ROOT, format, bare), ratio, target, result));
    }

    private static String passFail(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    /**
     * The live heap per idle connection (right after full collections), the same against bare connections that
     * were written to, and Huddle's own heap above each bare figure against its target.
     */
    private static void idleHeapRows(StringBuilder out, BenchmarkRunner.IdleHeap huddle, BenchmarkRunner.IdleHeap bare,
                                     BenchmarkRunner.IdleHeap greeted) {
        row(out, "  heap per idle connection, live after full GCs (bytes)", huddle.live(), bare.live(), "%.0f", "", "");
        if (greeted != null) {
            row(out, "  same, bare connections sent a frame and a ping: used", huddle.used(), greeted.used(), "%.0f", "", "");
            row(out, "  same, bare connections sent a frame and a ping: live", huddle.live(), greeted.live(), "%.0f", "", "");
        }
        out.append(String.format(Locale.ROOT, "  Huddle's heap per idle connection above the bare one: used %d B, live %d B%s"
                        + " (target: at most %,d B)%n", huddle.used() - bare.used(), huddle.live() - bare.live(),
                greeted == null ? "" : String.format(Locale.ROOT, "; above a bare one written to: used %d B, live %d B",
                        huddle.used() - greeted.used(), huddle.live() - greeted.live()), OWN_HEAP_TARGET_BYTES));
    }
}
