package io.huddle.streaming.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import io.huddle.streaming.domain.message.MessageIds;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's single-room publish mode ({@code -Dbench.mode=room}): how many messages per second Huddle stores
 * and delivers in one room, and what that costs, against the bare durable loop on the same database.
 *
 * <ol>
 *   <li>Starts the {@code huddle-bench} server with Huddle and {@code baseline.war} (which holds
 *       {@link DurableLoopServlet}), creates room R as {@code bench-owner} and makes P publishers members of it
 *       through the REST API; the subscriber joins over WebSocket (see {@link RoomClients}).</li>
 *   <li>Warm-up: the publishers saturate the room for {@code bench.room.warmup.seconds}, unmeasured.</li>
 *   <li>Saturation for {@code bench.room.seconds}, K publishes per publisher waiting for their ack: stored
 *       messages/s (acks/s), server CPU per stored message, ack latency, subscriber receipts/s.</li>
 *   <li>Latency: half the saturation rate, paced, for {@code bench.latency.seconds}: ack and receipt latency.</li>
 *   <li>The bare durable loop ({@code POST /baseline/durable}) in room B for each thread count of
 *       {@code bench.room.bare-threads}: commits/s and server CPU per commit.</li>
 * </ol>
 * Prints the table (see {@link RoomReport}) and writes it to {@code room-result.txt} in the work directory. The exit
 * status is 0 unless a publish failed, the subscriber saw a seq gap, or a run did not complete; performance targets
 * are reported, not enforced. The server is stopped at the end, on failure, Ctrl+C and after
 * {@code bench.timeout.minutes}.
 */
final class RoomBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final String OWNER = "bench-owner";

    /** An administrator of the benchmark server (liberty-config/server-bench.xml), who may read /api/v1/node. */
    private static final String ADMIN = "bench-admin";

    private final int publishers = Integer.getInteger("bench.room.publishers", 5);
    private final int inFlight = Integer.getInteger("bench.room.in-flight", 16);
    private final double warmupSeconds = Double.parseDouble(System.getProperty("bench.room.warmup.seconds", "20"));
    private final double roundSeconds = Double.parseDouble(System.getProperty("bench.room.warmup.round-seconds", "5"));
    private final int warmupRounds = Integer.getInteger("bench.room.warmup.rounds", 24);
    private final double jitShare = Double.parseDouble(System.getProperty("bench.room.warmup.jit-share", "0.03"));
    private final double seconds = Double.parseDouble(System.getProperty("bench.room.seconds", "10"));
    private final double latencySeconds = Double.parseDouble(System.getProperty("bench.latency.seconds", "10"));
    private final int[] bareThreads = Arrays.stream(System.getProperty("bench.room.bare-threads", "5,16").split(","))
            .map(String::trim).filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
    private final int port = Integer.getInteger("bench.http.port", 29080);
    private final long timeoutMinutes = Long.getLong("bench.timeout.minutes", 30);
    private final Path wlp = Path.of(System.getProperty("bench.wlp", "target/liberty/wlp"));
    private final String serverName = System.getProperty("bench.server", "huddle-bench");
    private final Path huddleWar = Path.of(System.getProperty("bench.war", "target/huddle.war"));
    private final Path workDir = Path.of(System.getProperty("bench.work", "target/bench"));

    private final HttpClient rest = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final long stamp = System.currentTimeMillis();
    private final String room = "room-" + stamp;
    private final String bareRoom = "durable-" + stamp;

    private LibertyServer server;
    private ProcessHandle serverProcess;

    int run() throws Exception {
        if (publishers < 1 || inFlight < 1 || !(seconds > 0) || !(latencySeconds > 0) || warmupSeconds < 0) {
            throw new IllegalArgumentException("bench.room.publishers and bench.room.in-flight must be at least 1,"
                    + " bench.room.seconds and bench.latency.seconds above 0");
        }
        String javaHome = System.getProperty("java.home");
        server = new LibertyServer(wlp, serverName, javaHome);
        server.requireCreated();
        Thread watchdog = server.guard(timeoutMinutes);

        try {
            String machine = Machine.describe(javaHome, wlp);
            System.out.println(machine);
            Path baselineWar = BenchmarkRunner.baselineWar(workDir, DurableLoopServlet.class, MessageIds.class);
            server.deploy(List.of(huddleWar, baselineWar));
            BenchmarkRunner.log("starting server " + serverName + " on " + HOST + ":" + port);
            server.start();
            serverProcess = server.process();
            awaitReady();
            String database = json(send("GET", "/baseline/durable", null, 30, 200)).getString("database");
            BenchmarkRunner.log("server ready (pid " + serverProcess.pid() + ", database " + database + "); room mode: "
                    + publishers + " publishers x " + inFlight + " in flight, warm-up " + warmupSeconds + " s, saturation "
                    + seconds + " s, latency run " + latencySeconds + " s, bare loop threads " + Arrays.toString(bareThreads));

            RoomReport.Results results = new RoomReport.Results(database, publishers, inFlight);
            publishInRoom(results);
            bareLoop(results);

            String header = machine + "\ndatabase: " + database + "\n";
            String table = RoomReport.table(results);
            BenchmarkRunner.report(workDir.resolve("room-result.txt"), header, table);
            return results.correct() ? 0 : 1;
        } catch (Exception | Error e) {
            return BenchmarkRunner.failed(e, server);
        } finally {
            server.stopQuietly();
            watchdog.interrupt();
        }
    }

    /** Rooms, members, clients; warm-up, saturation and the latency run. */
    private void publishInRoom(RoomReport.Results results) throws Exception {
        createRoom(room);
        for (int i = 0; i < publishers; i++) {
            send("POST", "/api/v1/rooms/" + room + "/members?user=" + OWNER, "{\"user\":\"rp-" + i + "\"}", 30, 201);
        }
        createRoom(bareRoom);
        RoomClients clients = RoomClients.connect(HOST, port, room, publishers, inFlight);
        BenchmarkRunner.log("room " + room + ": " + publishers + " publishers connected, rs-0 joined");
        try {
            if (warmupSeconds > 0) {
                BenchmarkRunner.log(String.format(Locale.ROOT, "warm-up: saturating for %.0f s (unmeasured)", warmupSeconds));
                RoomRun warmup = clients.saturate("warm-up", warmupSeconds, serverProcess);
                BenchmarkRunner.log(warmup.summary());
                requireDrained(results, warmup);
                untilCompiled(clients, results);
            }
            BenchmarkRunner.log(String.format(Locale.ROOT, "saturation for %.0f s", seconds));
            long[] before = groupCommit();
            long jit0 = BenchmarkRunner.jitNanos(serverProcess);
            results.saturation = clients.saturate("saturation", seconds, serverProcess);
            long jit1 = BenchmarkRunner.jitNanos(serverProcess);
            long[] after = groupCommit();
            results.jitNanos = jit0 < 0 || jit1 < 0 ? -1 : jit1 - jit0;
            results.transactions = after[0] - before[0];
            results.batched = after[1] - before[1];
            BenchmarkRunner.log(results.saturation.summary());
            BenchmarkRunner.log(String.format(Locale.ROOT, "saturation: %d shared transactions held %d publishes (%.1f per"
                    + " transaction)", results.transactions, results.batched, results.batched / (double) Math.max(1, results.transactions)));
            requireDrained(results, results.saturation);
            double rate = Math.max(1, 0.5 * results.saturation.acksPerSecond());
            BenchmarkRunner.log(String.format(Locale.ROOT, "latency run: %.0f publishes/s for %.0f s", rate, latencySeconds));
            results.paced = clients.paced("latency run", rate, latencySeconds, serverProcess);
            BenchmarkRunner.log(results.paced.summary());
            requireDrained(results, results.paced);
        } finally {
            results.problems.addAll(clients.problems());
            results.acks = clients.acks();
            results.errors = clients.errors();
            results.seqBreaks = clients.seqBreaks();
            results.publisherCopies = clients.publisherCopies();
            clients.close();
        }
    }

    /**
     * Further unmeasured rounds of {@code bench.room.warmup.round-seconds} while the server's JIT compilers took more
     * than {@code bench.room.warmup.jit-share} of its CPU in the round before (at most {@code bench.room.warmup.rounds}): a
     * 20 s warm-up left C2 compiling with half a core through the measured run, which made the figures swing by
     * half from run to run.
     */
    private void untilCompiled(RoomClients clients, RoomReport.Results results) throws Exception {
        for (int round = 1; round <= warmupRounds; round++) {
            long jit0 = BenchmarkRunner.jitNanos(serverProcess);
            RoomRun run = clients.saturate("warm-up round " + round, roundSeconds, serverProcess);
            long jit1 = BenchmarkRunner.jitNanos(serverProcess);
            requireDrained(results, run);
            if (jit0 < 0 || jit1 < 0) {
                BenchmarkRunner.log("the JIT's time cannot be read (jcmd PerfCounter.print); no further warm-up rounds");
                return;
            }
            double share = (jit1 - jit0) / (double) Math.max(1, run.serverCpuNanos());
            BenchmarkRunner.log(String.format(Locale.ROOT, "warm-up round %d: %.0f acks/s, JIT %.1f%% of the server's CPU",
                    round, run.acksPerSecond(), 100 * share));
            if (share <= jitShare) {
                return;
            }
        }
    }

    /** The server's group-commit counts so far: {transactions, publishes} ({@code GET /api/v1/node}, as an administrator). */
    private long[] groupCommit() throws IOException, InterruptedException {
        JsonObject counts = json(send("GET", "/api/v1/node?user=" + ADMIN, null, 30, 200)).getJsonObject("groupCommit");
        return new long[] {counts.getJsonNumber("transactions").longValue(), counts.getJsonNumber("messages").longValue()};
    }

    private static void requireDrained(RoomReport.Results results, RoomRun run) {
        if (!run.drained()) {
            results.problems.add(run.name() + ": not every publish was answered and delivered within two minutes");
        }
    }

    /**
     * The bare durable loop in room B: an unmeasured call first (a quarter of the warm-up, at least 2 s, with the
     * first thread count), then one measured call per thread count, the server's CPU taken around each.
     */
    private void bareLoop(RoomReport.Results results) throws Exception {
        if (bareThreads.length == 0) {
            return;
        }
        double warmup = Math.max(2, warmupSeconds / 4);
        BenchmarkRunner.log(String.format(Locale.ROOT, "bare durable loop: warm-up, %d threads for %.0f s", bareThreads[0], warmup));
        RoomReport.Bare first = bareCall(bareThreads[0], warmup);
        if (first.error() != null) {
            results.bare.add(first);
            results.problems.add("bare durable loop warm-up: " + first.error());
            return;
        }
        for (int threads : bareThreads) {
            RoomReport.Bare bare = bareCall(threads, seconds);
            results.bare.add(bare);
            if (bare.error() != null) {
                results.problems.add("bare durable loop, " + threads + " threads: " + bare.error());
            } else {
                BenchmarkRunner.log(String.format(Locale.ROOT, "bare durable loop, %d threads: %d commits in %.2f s ="
                                + " %.0f commits/s; server CPU %.2f s (%.2f µs per commit)", threads, bare.commits(),
                        bare.nanos() / 1e9, bare.commitsPerSecond(), bare.serverCpuNanos() / 1e9,
                        bare.serverCpuMicrosPerCommit()));
            }
        }
    }

    private RoomReport.Bare bareCall(int threads, double callSeconds) throws IOException, InterruptedException {
        long cpu0 = LibertyServer.cpuNanos(serverProcess);
        HttpResponse<String> response = request("POST", "/baseline/durable?room=" + bareRoom + "&threads=" + threads
                + "&seconds=" + callSeconds, "", (long) callSeconds + 120);
        long cpu = LibertyServer.cpuNanos(serverProcess) - cpu0;
        if (response.statusCode() != 200) {
            return new RoomReport.Bare(threads, 0, 0, cpu, response.statusCode() + " " + response.body());
        }
        JsonObject answer = json(response.body());
        long commits = answer.getJsonNumber("count").longValue();
        if (commits == 0) {
            return new RoomReport.Bare(threads, 0, 0, cpu, "no commit in " + callSeconds + " s");
        }
        return new RoomReport.Bare(threads, commits, answer.getJsonNumber("nanos").longValue(), cpu, null);
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private void createRoom(String id) throws IOException, InterruptedException {
        send("POST", "/api/v1/rooms?user=" + OWNER, "{\"id\":\"" + id + "\",\"name\":\"Bench " + id + "\"}", 30, 201);
    }

    /** Sends a request and returns the answer's body; fails unless the status is {@code expected}. */
    private String send(String method, String path, String body, long timeoutSeconds, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = request(method, path, body, timeoutSeconds);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> request(String method, String path, String body, long timeoutSeconds)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
                .timeout(Duration.ofSeconds(timeoutSeconds));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return rest.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (status("/api/v1/rooms?user=" + OWNER) != 200 || status("/baseline/durable") != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Huddle or baseline.war did not start within 180 s");
            }
            Thread.sleep(500);
        }
    }

    private int status(String path) throws InterruptedException {
        try {
            return request("GET", path, null, 30).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
