package io.huddle.streaming.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.huddle.streaming.bench.RoomReport.ROW;
import static io.huddle.streaming.bench.RoomReport.WIDTH;
import static io.huddle.streaming.bench.RoomReport.passFail;
import static io.huddle.streaming.bench.RoomReport.row;

/** The chat mode's table: the join phases, saturation and the paced run, the bare durable loop, the targets. */
final class ChatReport {

    /** The crowd join (1,000 users into one room) must take less than this, in seconds. */
    static final double CROWD_TARGET_SECONDS = 3;
    /** Server CPU per publish, at most this many times the bare loop's per commit. */
    static final double CPU_RATIO_TARGET = 2;

    private ChatReport() {
    }

    /** Everything the mode measured. */
    static final class Results {
        final String database;
        final int users;
        final int smallRooms;
        final int bigRooms;
        final int bigSize;
        final int crowd;
        final int inFlight;
        long memberships;
        int bareRooms;
        long joins;
        long connectNanos;
        long joinNanos;
        long joinCpuNanos;
        long crowdNanos;
        long crowdCpuNanos;
        ChatRun saturation;
        ChatRun paced;
        double pacedRate;
        long jitNanos = -1;
        long transactions;
        long batched;
        List<RoomReport.Bare> bare = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Results(String database, int users, int smallRooms, int bigRooms, int bigSize, int crowd, int inFlight) {
            this.database = database;
            this.users = users;
            this.smallRooms = smallRooms;
            this.bigRooms = bigRooms;
            this.bigSize = bigSize;
            this.crowd = crowd;
            this.inFlight = inFlight;
        }

        boolean postgresql() {
            return database.toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    static String table(Results r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, String.format(Locale.ROOT, "metric (%d users; %d rooms of 2-10, %d of %d;"
                + " %d in flight)", r.users, r.smallRooms, r.bigRooms, r.bigSize, r.inFlight), "value", "target", "result"));
        out.append("-".repeat(WIDTH)).append('\n');
        row(out, "connect: " + r.users + " WebSockets, 200 at a time (s)", r.connectNanos / 1e9, "%.2f", "", "");
        row(out, "join: " + r.joins + " joins, all at once (s)", r.joinNanos / 1e9, "%.2f", "", "");
        row(out, "join: server CPU per join (ms)", r.joinCpuNanos / 1e6 / Math.max(1, r.joins), "%.2f", "", "");
        row(out, "crowd join: " + r.crowd + " users into one room at once (s)", r.crowdNanos / 1e9, "%.2f",
                String.format(Locale.ROOT, "< %.0f s", CROWD_TARGET_SECONDS), passFail(r.crowdNanos / 1e9 < CROWD_TARGET_SECONDS));
        row(out, "crowd join: server CPU (s)", r.crowdCpuNanos / 1e9, "%.2f", "", "");
        ChatRun s = r.saturation;
        double bestBare = r.bare.stream().filter(b -> b.error() == null).mapToDouble(RoomReport.Bare::serverCpuMicrosPerCommit)
                .min().orElse(Double.NaN);
        if (s != null) {
            double target = r.postgresql() ? RoomReport.POSTGRESQL_RATE_TARGET : RoomReport.H2_RATE_TARGET;
            row(out, "stored messages/s (saturation)", s.storedPerSecond(), "%.0f",
                    String.format(Locale.ROOT, ">= %,.0f/s (%s)", target, r.postgresql() ? "PostgreSQL" : "H2"),
                    passFail(s.storedPerSecond() >= target));
            row(out, "deliveries/s (saturation)", s.deliveriesPerSecond(), "%.0f", "", "");
            row(out, "server CPU µs per publish (saturation)", s.serverCpuMicrosPerPublish(), "%.1f",
                    String.format(Locale.ROOT, "<= %.0fx bare commit", CPU_RATIO_TARGET),
                    Double.isNaN(bestBare) ? "n/a" : passFail(s.serverCpuMicrosPerPublish() <= CPU_RATIO_TARGET * bestBare));
            row(out, "server CPU µs per delivery (saturation)", s.serverCpuMicrosPerDelivery(), "%.2f", "", "");
            row(out, "ack latency p50 (saturation, ms)", s.acks().percentileMillis(0.5), "%.2f", "", "");
            row(out, "ack latency p99 (saturation, ms)", s.acks().percentileMillis(0.99), "%.2f", "", "");
            row(out, "publish-to-receipt p50 (saturation, ms)", s.receipts().percentileMillis(0.5), "%.2f", "", "");
            row(out, "publish-to-receipt p99 (saturation, ms)", s.receipts().percentileMillis(0.99), "%.2f", "", "");
        }
        ChatRun p = r.paced;
        if (p != null) {
            row(out, "paced run: publishes/s asked", r.pacedRate, "%.0f", "", "");
            row(out, "paced run: stored messages/s", p.storedPerSecond(), "%.0f", "", "");
            row(out, "paced run: server CPU µs per publish", p.serverCpuMicrosPerPublish(), "%.1f", "", "");
            row(out, "paced run: server CPU µs per delivery", p.serverCpuMicrosPerDelivery(), "%.2f", "", "");
            row(out, "paced run: ack p99 (ms)", p.acks().percentileMillis(0.99), "%.2f", "", "");
            row(out, "paced run: publish-to-receipt p50 (ms)", p.receipts().percentileMillis(0.5), "%.2f", "", "");
            row(out, "paced run: publish-to-receipt p99 (ms)", p.receipts().percentileMillis(0.99), "%.2f",
                    String.format(Locale.ROOT, "< %.0f ms", RoomReport.P99_TARGET_MS),
                    passFail(p.receipts().percentileMillis(0.99) < RoomReport.P99_TARGET_MS));
        }
        RoomReport.bareRows(out, r.bare, ", " + r.bareRooms + " rooms");
        out.append("-".repeat(WIDTH)).append('\n');
        out.append("context:\n");
        row(out, "  memberships (rooms of the plan)", r.memberships, "%.0f", "", "");
        if (s != null) {
            row(out, "  deliveries per stored message (saturation)", s.deliveries() / (double) Math.max(1, s.stored()), "%.1f", "", "");
            row(out, "  server JIT compilers' CPU in the saturation window (s)", r.jitNanos / 1e9, "%.2f", "", "");
            row(out, "  publishes per shared transaction (mean)", r.batched / (double) Math.max(1, r.transactions), "%.1f", "", "");
            row(out, "  cores used: server (saturation)", s.serverCpuNanos() / 1e9 / s.seconds(), "%.2f", "", "");
            row(out, "  cores used: client (saturation)", s.clientCpuNanos() / 1e9 / s.seconds(), "%.2f", "", "");
            row(out, "  cores used: other processes (saturation)", s.otherCpuNanos() / 1e9 / s.seconds(), "%.2f", "", "");
        }
        for (String problem : r.problems) {
            out.append("  FAILED: ").append(problem).append('\n');
        }
        return out.toString();
    }
}
