package io.huddle.streaming.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The benchmark's compare mode ({@code -Dbench.mode=compare}): one room of N subscribers at a fixed publish rate,
 * through Huddle, the bare {@code @ServerEndpoint} loop (both in the benchmark's Liberty server), Socket.IO and a raw
 * Node {@code ws} broadcast (each a Node process, {@link NodeBroadcast}), one after the other in the same run.
 *
 * <p>For each: N subscribers and a publisher connect (Huddle: all join one room); an unmeasured warm-up at
 * {@code bench.compare.warmup.rate} for {@code bench.compare.warmup.seconds}, then, for the Liberty server, rounds of
 * {@code bench.compare.warmup.round-seconds} until its JIT compilers took at most {@code bench.room.warmup.jit-share}
 * of its CPU ({@link JitWarmup}); then the measured run at {@code bench.compare.rate} messages/s for
 * {@code bench.compare.seconds}. Reported: deliveries/s, the server process's CPU per delivery, and publish-to-receipt
 * p50/p99 from each message's scheduled send time. The table goes to {@code compare-result.txt} in the work directory.
 */
final class CompareBenchmark {

    private static final String HOST = "127.0.0.1";

    private final int subscribers = Integer.getInteger("bench.compare.subscribers", 1000);
    private final double rate = Double.parseDouble(System.getProperty("bench.compare.rate", "20"));
    private final double seconds = Double.parseDouble(System.getProperty("bench.compare.seconds", "30"));
    private final double warmupRate = Double.parseDouble(System.getProperty("bench.compare.warmup.rate", "50"));
    private final double warmupSeconds = Double.parseDouble(System.getProperty("bench.compare.warmup.seconds", "20"));
    private final double roundSeconds = Double.parseDouble(System.getProperty("bench.compare.warmup.round-seconds", "10"));
    private final int warmupRounds = Integer.getInteger("bench.room.warmup.rounds", 24);
    private final double jitShare = Double.parseDouble(System.getProperty("bench.room.warmup.jit-share", "0.03"));
    private final int socketIoPort = Integer.getInteger("bench.compare.socketio.port", 29091);
    private final int wsPort = Integer.getInteger("bench.compare.ws.port", 29092);
    /** Which of huddle, bare, socketio and ws run (all by default), always in that order. */
    private final List<String> targets = List.of(System.getProperty("bench.compare.targets", "huddle,bare,socketio,ws")
            .split("\\s*,\\s*"));
    /** Records each Liberty target's measured run with Java Flight Recorder into the work directory. */
    private final boolean profile = Boolean.getBoolean("bench.profile");
    private final Path nodeSource = Path.of(System.getProperty("bench.node.source", "src/bench/node"));
    private final BenchSettings settings = BenchSettings.read();
    private final int port = settings.port();
    private final BenchHttp http = new BenchHttp(HOST, port);
    private final String room = "cmp-" + Long.toString(System.currentTimeMillis(), 36);

    int run() throws Exception {
        if (subscribers < 1 || !(rate > 0) || !(seconds > 0) || !(warmupRate > 0)) {
            throw new IllegalArgumentException("bench.compare.subscribers, .rate, .seconds and .warmup.rate must be positive");
        }
        String javaHome = System.getProperty("java.home");
        LibertyServer server = settings.server(javaHome);
        server.requireCreated();
        Thread watchdog = server.guard(settings.timeoutMinutes());
        try {
            String machine = Machine.describe(javaHome, settings.wlp());
            System.out.println(machine);
            Path nodeDir = NodeBroadcast.install(nodeSource, settings.workDir());
            server.deploy(List.of(settings.huddleWar(), BenchmarkRunner.baselineWar(settings.workDir())));
            server.start();
            ProcessHandle liberty = server.process();
            http.awaitOk("/api/v1/rooms?user=cmp-owner", "/baseline/heap");
            http.send("POST", "/api/v1/rooms?user=cmp-owner", "{\"id\":\"" + room + "\",\"name\":\"compare\"}", 30, 201);
            String node = NodeBroadcast.version(nodeDir, "socketio") + ", " + NodeBroadcast.version(nodeDir, "ws");
            Map<String, PacedFanout.Measured> results = new LinkedHashMap<>();
            List<HttpClient> clients = IntStream.range(0, 4)
                    .mapToObj(i -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()).toList();
            if (targets.contains("huddle")) {
                measure(new FanoutTarget("Huddle", () -> liberty,
                        i -> uri(port, "/ws?user=" + String.format("cmp-sub-%05d", i)), uri(port, "/ws?user=cmp-pub"),
                        FanoutTarget.Wire.HUDDLE), clients, results);
            }
            if (targets.contains("bare")) {
                measure(new FanoutTarget("bare loop", () -> liberty, i -> uri(port, "/baseline/ws"),
                        uri(port, "/baseline/ws"), FanoutTarget.Wire.RAW), clients, results);
            }
            if (targets.contains("socketio")) {
                try (NodeBroadcast socketIo = NodeBroadcast.start(nodeDir, "socketio", socketIoPort)) {
                    URI sio = uri(socketIoPort, "/socket.io/?EIO=4&transport=websocket");
                    measure(new FanoutTarget("Socket.IO", socketIo::process, i -> sio, sio, FanoutTarget.Wire.SOCKET_IO),
                            clients, results);
                }
            }
            if (targets.contains("ws")) {
                try (NodeBroadcast ws = NodeBroadcast.start(nodeDir, "ws", wsPort)) {
                    URI raw = uri(wsPort, "/");
                    measure(new FanoutTarget("Node ws", ws::process, i -> raw, raw, FanoutTarget.Wire.RAW), clients, results);
                }
            }
            BenchmarkRunner.report(settings.workDir().resolve("compare-result.txt"), machine + "\nnode: " + nodeVersion()
                    + " (" + node + ")\n", table(results));
            return 0;
        } catch (Exception | Error e) {
            return BenchmarkRunner.failed(e, server);
        } finally {
            server.stopQuietly();
            watchdog.interrupt();
        }
    }

    private void measure(FanoutTarget target, List<HttpClient> clients, Map<String, PacedFanout.Measured> results)
            throws Exception {
        BenchmarkRunner.log(target.name() + ": connecting " + subscribers + " subscribers and the publisher");
        try (PacedFanout fanout = PacedFanout.connect(target, subscribers, clients, room)) {
            BenchmarkRunner.log(fanout.run("warm-up", 1, warmupRate, warmupSeconds, false).summary(target.name() + " warm-up"));
            ProcessHandle process = target.process().get();
            if (PacedFanout.jitNanos(process) >= 0) {
                // The rounds run at the measured rate: a lower rate takes other paths (threads that park and wake
                // between messages), which the JIT compiles only once they run.
                JitWarmup.untilQuiet(process, warmupRounds, jitShare, round -> {
                    PacedFanout.Measured m = fanout.run("warm-up round", 1, rate, roundSeconds, false);
                    BenchmarkRunner.log(m.summary(target.name() + " warm-up round " + round));
                    return m.serverCpuNanos();
                });
            }
            boolean recorded = profile && PacedFanout.jitNanos(process) >= 0;
            String recording = "compare-" + target.name().replace(' ', '-').toLowerCase(Locale.ROOT);
            if (recorded) {
                BenchmarkRunner.jcmd(process, "JFR.start", "name=" + recording, "settings=profile");
            }
            PacedFanout.Measured measured = fanout.run("measured run", 2, rate, seconds, true);
            if (recorded) {
                BenchmarkRunner.jcmd(process, "JFR.stop", "name=" + recording,
                        "filename=" + settings.workDir().resolve(recording + ".jfr").toAbsolutePath());
            }
            BenchmarkRunner.log(measured.summary(target.name()));
            results.put(target.name(), measured);
        }
    }

    private String table(Map<String, PacedFanout.Measured> results) {
        StringBuilder out = new StringBuilder();
        String title = String.format(Locale.ROOT, "metric (%d subscribers, %.0f messages/s for %.0f s)", subscribers, rate, seconds);
        out.append(String.format(Locale.ROOT, "%-58s", title));
        results.keySet().forEach(name -> out.append(String.format(Locale.ROOT, "%12s", name)));
        out.append('\n').append("-".repeat(58 + 12 * results.size())).append('\n');
        row(out, "deliveries/s", results, m -> String.format(Locale.ROOT, "%.0f", m.deliveredPerSecond()));
        row(out, "server CPU µs per delivery", results, m -> String.format(Locale.ROOT, "%.2f", m.serverMicrosPerDelivery()));
        PacedFanout.Measured socketIo = results.get("Socket.IO");
        if (socketIo != null) {
            row(out, "  relative to Socket.IO", results,
                    m -> String.format(Locale.ROOT, "%.2fx", m.serverMicrosPerDelivery() / socketIo.serverMicrosPerDelivery()));
        }
        row(out, "publish-to-receipt p50 (ms)", results, m -> String.format(Locale.ROOT, "%.2f", m.latency().percentileMillis(0.5)));
        row(out, "publish-to-receipt p99 (ms)", results, m -> String.format(Locale.ROOT, "%.2f", m.latency().percentileMillis(0.99)));
        row(out, "client CPU µs per delivery", results,
                m -> String.format(Locale.ROOT, "%.2f", m.clientCpuNanos() / 1e3 / m.delivered()));
        row(out, "cores used by other processes", results,
                m -> String.format(Locale.ROOT, "%.2f", m.otherCpuNanos() / (double) m.nanos()));
        row(out, "server JIT compilers' CPU in the run (s)", results,
                m -> m.jitNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", m.jitNanos() / 1e9));
        out.append("-".repeat(58 + 12 * results.size())).append('\n');
        PacedFanout.Measured huddle = results.get("Huddle");
        if (huddle != null && socketIo != null) {
            double ratio = huddle.serverMicrosPerDelivery() / socketIo.serverMicrosPerDelivery();
            out.append(String.format(Locale.ROOT, "Huddle's server CPU per delivery at or below Socket.IO's: %s (%.2fx)%n",
                    ratio <= 1.0 ? "PASS" : "FAIL", ratio));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Map<String, PacedFanout.Measured> results,
                            Function<PacedFanout.Measured, String> cell) {
        out.append(String.format(Locale.ROOT, "%-58s", label));
        results.values().forEach(m -> out.append(String.format(Locale.ROOT, "%12s", cell.apply(m))));
        out.append('\n');
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return v;
        } catch (Exception e) {
            return "(unknown)";
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("ws://" + HOST + ":" + port + path);
    }
}
