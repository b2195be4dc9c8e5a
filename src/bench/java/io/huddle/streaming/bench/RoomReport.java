package io.huddle.streaming.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The single-room mode's result table: one row per metric with its value, target and PASS/FAIL, then context
 * rows and whatever went wrong. The targets are reported, not enforced: only correctness decides the exit code.
 */
final class RoomReport {

    /** Stored messages per second the saturation run must reach on H2 and on PostgreSQL. */
    static final double H2_RATE_TARGET = 10_000;
    static final double POSTGRESQL_RATE_TARGET = 5_000;
    /** p99 ack latency at half the saturation rate, in milliseconds. */
    static final double P99_TARGET_MS = 50;

    static final String ROW = "%-66s %14s %-20s %s%n";
    static final int WIDTH = 110;

    private RoomReport() {
    }

    /** Everything the mode measured. */
    static final class Results {
        final String database;
        final int publishers;
        final int inFlight;
        RoomRun saturation;
        RoomRun paced;
        final List<Bare> bare = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        long acks;
        long errors;
        long seqBreaks;
        long publisherCopies;
        long transactions;
        long jitNanos = -1;
        long batched;

        Results(String database, int publishers, int inFlight) {
            this.database = database;
            this.publishers = publishers;
            this.inFlight = inFlight;
        }

        boolean postgresql() {
            return database.toLowerCase(Locale.ROOT).contains("postgres");
        }

        double rateTarget() {
            return postgresql() ? POSTGRESQL_RATE_TARGET : H2_RATE_TARGET;
        }

        boolean correct() {
            return problems.isEmpty();
        }
    }

    /**
     * One call of the bare durable loop: {@code threads} threads, {@code commits} in {@code nanos} (the servlet's
     * own clock), the server's CPU around the call; {@code error} when it failed (then the figures are unset).
     */
    record Bare(int threads, long commits, long nanos, long serverCpuNanos, String error) {

        double commitsPerSecond() {
            return commits / (nanos / 1e9);
        }

        double serverCpuMicrosPerCommit() {
            return serverCpuNanos / 1e3 / commits;
        }
    }

    static String table(Results r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "metric (one room, " + r.publishers + " publishers x " + r.inFlight
                + " in flight, 1 subscriber)", "value", "target", "result"));
        out.append("-".repeat(WIDTH)).append('\n');
        RoomRun s = r.saturation;
        RoomRun p = r.paced;
        if (s != null) {
            String target = String.format(Locale.ROOT, ">= %,.0f/s (%s)", r.rateTarget(), r.postgresql() ? "PostgreSQL" : "H2");
            row(out, "stored messages/s (saturation: acks received / window)", s.acksPerSecond(), "%.0f", target,
                    passFail(s.acksPerSecond() >= r.rateTarget()));
            row(out, "server CPU µs per stored message (saturation)", s.serverCpuMicrosPerAck(), "%.2f", "", "");
            row(out, "ack latency p50 (saturation, ms)", s.ackLatency().percentileMillis(0.50), "%.2f", "", "");
            row(out, "ack latency p99 (saturation, ms)", s.ackLatency().percentileMillis(0.99), "%.2f", "", "");
            row(out, "ack latency max (saturation, ms)", s.ackLatency().maxMillis(), "%.2f", "", "");
            row(out, "subscriber receipts/s (saturation)", s.receiptsPerSecond(), "%.0f", "", "");
        }
        if (p != null) {
            row(out, "publishes/s asked for the latency run (half the saturation rate)", p.rate(), "%.0f", "", "");
            row(out, "publishes/s achieved in the latency run", p.acksPerSecond(), "%.0f", "", "");
            row(out, "ack latency p50 at half rate (ms)", p.ackLatency().percentileMillis(0.50), "%.2f", "", "");
            row(out, "ack latency p99 at half rate (ms)", p.ackLatency().percentileMillis(0.99), "%.2f",
                    String.format(Locale.ROOT, "< %.0f ms", P99_TARGET_MS),
                    passFail(p.ackLatency().percentileMillis(0.99) < P99_TARGET_MS));
            row(out, "publish-to-receipt latency p50 at half rate (ms)", p.receiptLatency().percentileMillis(0.50), "%.2f", "", "");
            row(out, "publish-to-receipt latency p99 at half rate (ms)", p.receiptLatency().percentileMillis(0.99), "%.2f", "", "");
        }
        bareRows(out, r.bare, "");
        out.append("-".repeat(WIDTH)).append('\n');
        out.append("context:\n");
        if (s != null) {
            row(out, "  saturation window (s)", s.seconds(), "%.2f", "", "");
            row(out, "  publishes acked within the window", s.acked(), "%.0f", "", "");
            row(out, "  server JIT compilers' CPU in the window (s)", r.jitNanos / 1e9, "%.2f", "", "");
            row(out, "  shared transactions in the window", r.transactions, "%.0f", "", "");
            row(out, "  publishes per transaction (mean)", r.batched / (double) Math.max(1, r.transactions), "%.1f", "", "");
            row(out, "  server CPU in the window (s)", s.serverCpuNanos() / 1e9, "%.2f", "", "");
            row(out, "  client (runner) CPU µs per stored message (saturation)", s.clientCpuMicrosPerAck(), "%.2f", "", "");
            row(out, "  cores used: server (saturation)", s.serverCpuNanos() / (double) s.nanos(), "%.2f", "", "");
            row(out, "  cores used: client (saturation)", s.clientCpuNanos() / (double) s.nanos(), "%.2f", "", "");
            row(out, "  cores used: other processes (saturation)", s.otherCpuNanos() / (double) s.nanos(), "%.2f", "", "");
        }
        if (p != null) {
            row(out, "  server CPU µs per stored message at half rate", p.serverCpuMicrosPerAck(), "%.2f", "", "");
            row(out, "  cores used: other processes (latency run)", p.otherCpuNanos() / (double) p.nanos(), "%.2f", "", "");
        }
        out.append(String.format(Locale.ROOT, "  every message goes to %d connections: the subscriber and the %d publishers,"
                + " who are members (%d copies received by publishers)%n", r.publishers + 1, r.publishers, r.publisherCopies));
        out.append(String.format(Locale.ROOT, "  publishes acked in all runs: %d; publish errors: %d; seq gaps or reorderings: %d%n",
                r.acks, r.errors, r.seqBreaks));
        for (String problem : r.problems) {
            out.append("  FAILED: ").append(problem).append('\n');
        }
        return out.toString();
    }

    /** The bare durable loop's rows: commits/s and server CPU per commit for each thread count. */
    static void bareRows(StringBuilder out, List<Bare> bare, String where) {
        for (Bare b : bare) {
            String label = "bare durable loop, " + b.threads() + " threads" + where + ": ";
            if (b.error() != null) {
                out.append(String.format(Locale.ROOT, ROW, label + "commits/s", "failed", "", ""));
            } else {
                row(out, label + "commits/s", b.commitsPerSecond(), "%.0f", "", "");
                row(out, label + "server CPU µs per commit", b.serverCpuMicrosPerCommit(), "%.2f", "", "");
            }
        }
    }

    static void row(StringBuilder out, String metric, double value, String format, String target, String result) {
        out.append(String.format(Locale.ROOT, ROW, metric, Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value),
                target, result));
    }

    static String passFail(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }
}
