package io.huddle.streaming.bench;

import jakarta.json.JsonObject;
import io.huddle.streaming.domain.message.MessageIds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
    private final BenchSettings settings = BenchSettings.read();
    private final int port = settings.port();

    private final BenchHttp http = new BenchHttp(HOST, port);
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
        server = settings.server(javaHome);
        server.requireCreated();
        Thread watchdog = server.guard(settings.timeoutMinutes());

        try {
            String machine = Machine.describe(javaHome, settings.wlp());
            System.out.println(machine);
            Path baselineWar = BenchmarkRunner.baselineWar(settings.workDir(), DurableLoopServlet.class, MessageIds.class);
            server.deploy(List.of(settings.huddleWar(), baselineWar));
            BenchmarkRunner.log("starting server " + settings.serverName() + " on " + HOST + ":" + port);
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
            BenchmarkRunner.report(settings.workDir().resolve("room-result.txt"), header, table);
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
            ServerWindow window = ServerWindow.around(http, serverProcess, ADMIN,
                    () -> results.saturation = clients.saturate("saturation", seconds, serverProcess));
            results.jitNanos = window.jitNanos();
            results.transactions = window.transactions();
            results.batched = window.batched();
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
        JitWarmup.untilQuiet(serverProcess, warmupRounds, jitShare, round -> {
            RoomRun run = clients.saturate("warm-up round " + round, roundSeconds, serverProcess);
            requireDrained(results, run);
            BenchmarkRunner.log(String.format(Locale.ROOT, "warm-up round %d: %.0f acks/s", round, run.acksPerSecond()));
            return run.serverCpuNanos();
        });
    }

    private static void requireDrained(RoomReport.Results results, RoomRun run) {
        if (!run.drained()) {
            results.problems.add(run.name() + ": not every publish was answered and delivered within two minutes");
        }
    }

    /** The bare durable loop in room B (see {@link BareLoop}): a quarter of the warm-up, at least 2 s, unmeasured. */
    private void bareLoop(RoomReport.Results results) throws Exception {
        List<RoomReport.Bare> bare = BareLoop.run(http, serverProcess, bareRoom, bareThreads,
                Math.max(2, warmupSeconds / 4), seconds);
        results.bare.addAll(bare);
        bare.stream().filter(b -> b.error() != null).findFirst().ifPresent(b ->
                results.problems.add("bare durable loop, " + b.threads() + " threads: " + b.error()));
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private void createRoom(String id) throws IOException, InterruptedException {
        send("POST", "/api/v1/rooms?user=" + OWNER, "{\"id\":\"" + id + "\",\"name\":\"Bench " + id + "\"}", 30, 201);
    }

    private String send(String method, String path, String body, long timeoutSeconds, int expected)
            throws IOException, InterruptedException {
        return http.send(method, path, body, timeoutSeconds, expected);
    }

    private static JsonObject json(String body) {
        return BenchHttp.json(body);
    }

    private void awaitReady() throws Exception {
        http.awaitOk("/api/v1/rooms?user=" + OWNER, "/baseline/durable");
    }
}
