package io.huddle.streaming.bench;

import io.huddle.streaming.domain.message.MessageIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The benchmark's chat mode ({@code -Dbench.mode=chat}): where chat traffic lives, many small rooms and a few big
 * ones, every user connected.
 *
 * <ol>
 *   <li>U users ({@code cu-0}…); {@code bench.chat.small-rooms} rooms of 2–10 members and {@code bench.chat.big-rooms}
 *       rooms of {@code bench.chat.big-size} members drawn from them (a fixed seed: the same rooms every run). Each
 *       room is created over REST by its first member.</li>
 *   <li>Connect: every user opens a WebSocket, 200 handshakes at a time.</li>
 *   <li>Join: every other member sends {@code join} for each of its rooms, all at once (the server still cold).</li>
 *   <li>Warm-up (unmeasured): saturation for {@code bench.chat.warmup.seconds}, then rounds until the JIT is quiet
 *       ({@link JitWarmup}).</li>
 *   <li>Saturation with {@code bench.chat.in-flight} publishes unanswered, and a paced run at {@code bench.chat.rate}
 *       (default: half the saturation rate). Each publish goes to a random room from a random member of it.</li>
 *   <li>The crowd join: {@code bench.chat.crowd} users join one new room at once (on the warm server).</li>
 *   <li>The bare durable loop over the same rooms ({@link BareLoop}), for each of {@code bench.chat.bare-threads}.</li>
 * </ol>
 * Prints the table ({@link ChatReport}) and writes it to {@code chat-result.txt} in the work directory. The exit
 * status is 0 unless a command failed, a room's seqs broke, a run did not drain or the server closed a connection.
 */
final class ChatBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final String ADMIN = "bench-admin";
    private static final int CONNECT_BATCH = 200;
    /** The bare durable loop stores into this many of the plan's rooms, in turn. */
    private static final int BARE_ROOMS = 100;

    private final int users = Integer.getInteger("bench.chat.users", 2000);
    private final int smallRooms = Integer.getInteger("bench.chat.small-rooms", 1000);
    private final int bigRooms = Integer.getInteger("bench.chat.big-rooms", 10);
    private final int bigSize = Integer.getInteger("bench.chat.big-size", 200);
    private final int crowd = Integer.getInteger("bench.chat.crowd", 1000);
    private final int inFlight = Integer.getInteger("bench.chat.in-flight", 256);
    private final double rate = Double.parseDouble(System.getProperty("bench.chat.rate", "0"));
    private final double warmupSeconds = Double.parseDouble(System.getProperty("bench.chat.warmup.seconds", "30"));
    private final double seconds = Double.parseDouble(System.getProperty("bench.chat.seconds", "10"));
    /** The JIT-quiet warm-up rounds, as the single-room mode's (the same properties). */
    private final double roundSeconds = Double.parseDouble(System.getProperty("bench.room.warmup.round-seconds", "5"));
    private final int warmupRounds = Integer.getInteger("bench.room.warmup.rounds", 24);
    private final double jitShare = Double.parseDouble(System.getProperty("bench.room.warmup.jit-share", "0.03"));
    private final int[] bareThreads = Arrays.stream(System.getProperty("bench.chat.bare-threads", "16").split(","))
            .map(String::trim).filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
    private final BenchSettings settings = BenchSettings.read();
    private final int port = settings.port();
    private final String prefix = "c" + Long.toString(System.currentTimeMillis(), 36) + "-";
    private final BenchHttp http = new BenchHttp(HOST, port);

    int run() throws Exception {
        if (users < crowd || users < bigSize || inFlight < 1 || !(seconds > 0) || warmupSeconds < 0) {
            throw new IllegalArgumentException("bench.chat.users must be at least bench.chat.crowd and"
                    + " bench.chat.big-size; bench.chat.in-flight at least 1; bench.chat.seconds above 0");
        }
        String javaHome = System.getProperty("java.home");
        LibertyServer server = settings.server(javaHome);
        server.requireCreated();
        Thread watchdog = server.guard(settings.timeoutMinutes());
        ChatClients clients = null;
        try {
            String machine = Machine.describe(javaHome, settings.wlp());
            System.out.println(machine);
            server.deploy(List.of(settings.huddleWar(), BenchmarkRunner.baselineWar(settings.workDir(), DurableLoopServlet.class, MessageIds.class)));
            server.start();
            ProcessHandle process = server.process();
            http.awaitOk("/api/v1/rooms?user=" + ADMIN, "/baseline/durable");
            ChatReport.Results results = new ChatReport.Results(
                    BenchHttp.json(http.send("GET", "/baseline/durable", null, 30, 200)).getString("database"),
                    users, smallRooms, bigRooms, bigSize, crowd, inFlight);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                names.add(prefix + "u" + i);
            }
            List<ChatClients.Room> rooms = ChatClients.plan(users, smallRooms, 2, 10, bigRooms, bigSize, prefix);
            results.memberships = rooms.stream().mapToLong(r -> r.members().length).sum();
            BenchmarkRunner.log("chat mode: " + users + " users, " + rooms.size() + " rooms, " + results.memberships
                    + " memberships; creating the rooms");
            createRooms(rooms, names);
            clients = new ChatClients(HOST, port, names, rooms);
            phases(clients, rooms, process, results);
            results.bareRooms = Math.min(BARE_ROOMS, rooms.size());
            results.bare = BareLoop.run(http, process, rooms.stream().limit(BARE_ROOMS)
                    .map(ChatClients.Room::id).collect(Collectors.joining(",")), bareThreads, Math.max(2, seconds / 2), seconds);
            results.bare.stream().filter(b -> b.error() != null).findFirst()
                    .ifPresent(b -> results.problems.add("bare durable loop: " + b.error()));
            BenchmarkRunner.report(settings.workDir().resolve("chat-result.txt"), machine + "\ndatabase: " + results.database + "\n",
                    ChatReport.table(results));
            return results.problems.isEmpty() ? 0 : 1;
        } catch (Exception | Error e) {
            return BenchmarkRunner.failed(e, server);
        } finally {
            if (clients != null) {
                clients.close();
            }
            server.stopQuietly();
            watchdog.interrupt();
        }
    }

    private void phases(ChatClients clients, List<ChatClients.Room> rooms, ProcessHandle process,
                        ChatReport.Results results) throws Exception {
        results.connectNanos = clients.connect(CONNECT_BATCH);
        BenchmarkRunner.log(String.format(Locale.ROOT, "%d users connected in %.2f s", users, results.connectNanos / 1e9));
        long cpu0 = LibertyServer.cpuNanos(process);
        results.joinNanos = clients.joinAll(rooms, r -> true);
        results.joinCpuNanos = LibertyServer.cpuNanos(process) - cpu0;
        results.joins = results.memberships - rooms.size();
        BenchmarkRunner.log(String.format(Locale.ROOT, "%d joins in %.2f s (server CPU %.2f s)", results.joins,
                results.joinNanos / 1e9, results.joinCpuNanos / 1e9));
        if (warmupSeconds > 0) {
            BenchmarkRunner.log(clients.saturate("warm-up", 1, inFlight, warmupSeconds, process).summary());
            JitWarmup.untilQuiet(process, warmupRounds, jitShare, round -> {
                ChatRun run = clients.saturate("warm-up round " + round, 1, inFlight, roundSeconds, process);
                BenchmarkRunner.log(run.summary());
                return run.serverCpuNanos();
            });
        }
        ServerWindow window = ServerWindow.around(http, process, ADMIN,
                () -> results.saturation = clients.saturate("saturation", 2, inFlight, seconds, process));
        results.jitNanos = window.jitNanos();
        results.transactions = window.transactions();
        results.batched = window.batched();
        BenchmarkRunner.log(results.saturation.summary());
        double paced = rate > 0 ? rate : Math.max(1, results.saturation.storedPerSecond() / 2);
        results.paced = clients.paced("paced", 3, inFlight, paced, seconds, process);
        results.pacedRate = paced;
        BenchmarkRunner.log(results.paced.summary());
        ChatClients.Room crowdRoom = new ChatClients.Room(prefix + "crowd", IntStream.range(0, crowd).toArray());
        http.send("POST", "/api/v1/rooms?user=" + ADMIN, "{\"id\":\"" + crowdRoom.id() + "\",\"name\":\"crowd\"}", 30, 201);
        cpu0 = LibertyServer.cpuNanos(process);
        results.crowdNanos = clients.joinAll(List.of(crowdRoom), r -> false);
        results.crowdCpuNanos = LibertyServer.cpuNanos(process) - cpu0;
        BenchmarkRunner.log(String.format(Locale.ROOT, "%d users joined one room in %.2f s (server CPU %.2f s)", crowd,
                results.crowdNanos / 1e9, results.crowdCpuNanos / 1e9));
        for (ChatRun run : List.of(results.saturation, results.paced)) {
            if (!run.drained()) {
                results.problems.add(run.name() + ": not every publish was answered and delivered within 120 s");
            }
        }
        if (clients.errors() > 0) {
            results.problems.add(clients.errors() + " commands answered with an error (last: " + clients.lastError() + ")");
        }
        if (clients.seqBreaks() > 0) {
            results.problems.add(clients.seqBreaks() + " seq breaks (first: " + clients.firstBreak() + ")");
        }
        if (clients.closed() > 0) {
            results.problems.add(clients.closed() + " connections closed by the server");
        }
    }

    /** Creates every room, each by its first member, four requests at a time. */
    private void createRooms(List<ChatClients.Room> rooms, List<String> names) throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (ChatClients.Room room : rooms) {
                String owner = names.get(room.members()[0]);
                created.add(creators.submit(() -> http.send("POST", "/api/v1/rooms?user=" + owner,
                        "{\"id\":\"" + room.id() + "\",\"name\":\"" + room.id() + "\"}", 60, 201)));
            }
            for (Future<String> answer : created) {
                answer.get();
            }
        } finally {
            creators.shutdownNow();
        }
    }
}
