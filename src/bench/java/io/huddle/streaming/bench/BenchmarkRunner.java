package io.huddle.streaming.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The benchmark: starts the {@code huddle-bench} Liberty server with Huddle ({@code /}) and the bare broadcast
 * loop ({@code /baseline}), measures both in the same run, prints a table and stops the server.
 *
 * <ol>
 *   <li>Saturation: N subscribers in one room (Huddle) or on the bare endpoint; one publisher sends M messages
 *       as fast as the server takes them (Huddle: at most {@code bench.window} publishes waiting for their ack).
 *       Delivered messages/s = deliveries at the N subscribers / (first send to last receipt); server CPU per
 *       delivery = the server process's CPU time over that interval / deliveries. A short unmeasured run first.</li>
 *   <li>Latency: the publisher sends at half the rate measured in 1, evenly paced; every subscriber records
 *       receipt time minus the message's scheduled send time (same clock: the runner hosts both ends).</li>
 *   <li>Idle heap: server heap (after full GCs) before and after opening K idle connections (Huddle: each a
 *       distinct user, counted once welcomed; bare loop: counted once the endpoint holds them).</li>
 * </ol>
 * Settings are system properties (see {@code docs/BENCHMARK.md}). Traffic goes to 127.0.0.1 only; every wait is
 * bounded, and the whole run is stopped after {@code bench.timeout.minutes}.
 */
public final class BenchmarkRunner {

    private static final long EPOCH = System.nanoTime();
    private static final String HOST = "127.0.0.1";
    private static final String PHASE_FIELD = "\"ph\":";
    /** The phase id of the solo warm-up's messages. */
    private static final int SOLO_PHASE = 9;
    private static final String SENT_FIELD = "\"sentNs\":";

    private final int subscribers = Integer.getInteger("bench.subscribers", 1000);
    private final int messages = Integer.getInteger("bench.messages", 2000);
    private final int warmupMessages = Integer.getInteger("bench.warmup", 2000);
    /** Further warm-up rounds run while the JIT compilers took more than this share of a round's server CPU. */
    private final double warmupJitShare = Double.parseDouble(System.getProperty("bench.warmup.jit-share", "0.02"));
    private final int warmupRounds = Integer.getInteger("bench.warmup.rounds", 8);
    private final int soloMessages = Integer.getInteger("bench.warmup.solo", 20000);
    private final int idleConnections = Integer.getInteger("bench.idle", 10000);
    /**
     * How long the idle connections stay open before the heap is measured, in seconds: long enough for a heartbeat
     * and for the server's session reaper (every 30 s, {@code huddle.xml}) to have removed the HTTP sessions the
     * handshakes left (Huddle's expire after a second; the bare loop's, like any endpoint's, after 30 minutes), so
     * that both are measured as they stay.
     */
    private final int idleSettleSeconds = Integer.getInteger("bench.idle.settle", 35);
    private final int window = Integer.getInteger("bench.window", 64);
    /**
     * Whether the idle-heap phases also open bare connections that were sent a frame and a ping, to compare with
     * Huddle's (which all got their welcome and a probe) on equal terms.
     */
    private final boolean idleGreeted = Boolean.parseBoolean(System.getProperty("bench.idle.greeted", "true"));
    /** Writes the server's class histogram growth during each idle phase to the work directory. */
    private final boolean idleHistogram = Boolean.getBoolean("bench.idle.histogram");
    /** Records each saturation run on the server with Java Flight Recorder, into the work directory. */
    private final boolean profile = Boolean.getBoolean("bench.profile");
    /** The flight recorder settings: a name the server JVM knows ({@code profile}, {@code default}) or a .jfc file. */
    private final String profileSettings = System.getProperty("bench.profile.settings", "profile");
    private final double latencySeconds = Double.parseDouble(System.getProperty("bench.latency.seconds", "10"));
    private final BenchSettings settings = BenchSettings.read();
    private final int port = settings.port();

    /** Whether the client's listeners run on the HTTP client's own I/O thread (cheapest) or on a small pool. */
    private final boolean inlineClient = Boolean.parseBoolean(System.getProperty("bench.client.inline", "true"));
    private final ExecutorService clientExecutor = Executors.newFixedThreadPool(4, daemon("ws-client"));
    private final HttpClient[] clients = new HttpClient[4];
    private final HttpClient rest = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String room = "bench-" + System.currentTimeMillis();

    private volatile Phase phase;
    private final AtomicLong stray = new AtomicLong();
    private final AtomicLong publishAcks = new AtomicLong();
    private final AtomicLong soloEchoes = new AtomicLong();
    private final AtomicLong retriedHandshakes = new AtomicLong();
    private final AtomicLong publishErrors = new AtomicLong();
    private final AtomicReference<String> lastPublishError = new AtomicReference<>();
    private volatile Semaphore publishWindow;

    private LibertyServer server;
    private ProcessHandle serverProcess;

    private BenchmarkRunner() {
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().executor(inlineClient ? Runnable::run : clientExecutor)
                    .connectTimeout(Duration.ofSeconds(30)).build();
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            String mode = System.getProperty("bench.mode", "fanout");
            status = switch (mode) {
                case "fanout" -> new BenchmarkRunner().run();
                case "room" -> new RoomBenchmark().run();
                case "chat" -> new ChatBenchmark().run();
                case "cluster" -> new ClusterBenchmark().run();
                case "unread" -> new UnreadBenchmark().run();
                case "compare" -> new CompareBenchmark().run();
                default -> {
                    System.out.println("[bench] FAILED: unknown bench.mode '" + mode + "' (fanout, room, chat, unread, compare or cluster)");
                    yield 1;
                }
            };
        } catch (Throwable e) {
            System.out.println("[bench] FAILED: " + e);
            e.printStackTrace(System.out);
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Builds {@code baseline.war} into {@code workDir}: the bare broadcast loop and its heap servlet, plus
     * {@code extra} classes; returns its path.
     */
    /** What every mode prints when its run failed: the error, its trace and the server log's last lines; 1. */
    static int failed(Throwable e, LibertyServer server) {
        System.out.println("[bench] FAILED: " + e);
        e.printStackTrace(System.out);
        System.out.println("[bench] last lines of the server log:\n" + server.logTail(40));
        return 1;
    }

    /** Prints {@code header} and {@code table}, and writes both to {@code file}. */
    static void report(Path file, String header, String table) throws IOException {
        System.out.println();
        System.out.println(header);
        System.out.println(table);
        Files.writeString(file, header + "\n" + table);
        log("written to " + file);
    }

    static Path baselineWar(Path workDir, Class<?>... extra) throws IOException {
        Files.createDirectories(workDir);
        Path war = workDir.resolve("baseline.war");
        ShrinkWrap.create(WebArchive.class, "baseline.war")
                .addClasses(BaselineEndpoint.class, BaselineEndpoint.Shared.class, BaselineHeapServlet.class)
                .addClasses(extra)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    private int run() throws Exception {
        String javaHome = System.getProperty("java.home");
        server = settings.server(javaHome);
        server.requireCreated();
        Thread watchdog = server.guard(settings.timeoutMinutes());

        try {
            String machine = Machine.describe(javaHome, settings.wlp());
            System.out.println(machine);
            Path baselineWar = baselineWar(settings.workDir());
            server.deploy(List.of(settings.huddleWar(), baselineWar));
            log("starting server " + settings.serverName() + " on " + HOST + ":" + port);
            server.start();
            serverProcess = server.process();
            awaitReady();
            log("server ready (pid " + serverProcess.pid() + "); N=" + subscribers + " subscribers, M=" + messages
                    + " messages, warm-up " + warmupMessages + " (solo " + soloMessages + "), window " + window + ", idle " + idleConnections);

            Results huddle = new Results("Huddle");
            Results bare = new Results("bare loop");
            huddleSaturationAndLatency(huddle);
            bareSaturationAndLatency(bare);
            if (idleConnections > 0) {
                huddle.idleHeap = idleHeap(Idle.HUDDLE);
                bare.idleHeap = idleHeap(Idle.BARE);
            }
            IdleHeap greeted = idleConnections > 0 && idleGreeted ? idleHeap(Idle.BARE_GREETED) : null;
            String table = Report.table(subscribers, idleConnections, huddle, bare, greeted)
                    + "  WebSocket handshakes retried after 30 s without an answer: " + retriedHandshakes.get() + "\n";
            report(settings.workDir().resolve("result.txt"), machine, table);
            return huddle.complete && bare.complete ? 0 : 1;
        } catch (Exception | Error e) {
            return failed(e, server);
        } finally {
            server.stopQuietly();
            watchdog.interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ Huddle

    private void huddleSaturationAndLatency(Results results) throws Exception {
        restCreateRoom();
        WsConnection publisher = connectAll(1, i -> URI.create("ws://" + HOST + ":" + port + "/ws?user=bench-pub"),
                this::onHuddlePublisherFrame, true, 1).get(0);
        expectAck(publisher.ask(join("pub"), 30), "publisher join");
        publisher.answer = null;
        soloWarmup(publisher, true);
        List<WsConnection> subs = connectAll(subscribers,
                i -> URI.create("ws://" + HOST + ":" + port + "/ws?user=" + String.format("sub-%05d", i)),
                this::onHuddleSubscriberFrame, true, 100);
        log("Huddle: " + subs.size() + " subscribers connected; joining room " + room);
        joinAll(subs);
        settle(subs);
        try {
            warmUp(publisher, 1, true);
            log("Huddle: saturation, " + messages + " messages");
            jfr("start", "huddle");
            Measured sat = saturate(publisher, messages, 2, true);
            jfr("stop", "huddle");
            results.saturation = sat;
            log("Huddle: " + sat.summary());
            double rate = 0.5 * sat.deliveredPerSecond() / subscribers;
            log(String.format(Locale.ROOT, "Huddle: latency at half the maximum rate: %.1f publishes/s for %.0f s", rate, latencySeconds));
            results.latency = paced(publisher, rate, 3, true);
            log("Huddle: " + results.latency.summary());
            results.publishErrors = publishErrors.get();
            results.lastPublishError = lastPublishError.get();
            results.closedSubscribers = subs.stream().filter(WsConnection::isClosed).count();
            results.complete = sat.complete && results.latency.complete;
        } finally {
            closeAll(subs);
            closeAll(List.of(publisher));
        }
    }

    private void onHuddleSubscriberFrame(WsConnection connection, CharSequence frame) {
        if (!delivery(frame)) {
            control(connection, frame);
        }
    }

    private void onHuddlePublisherFrame(WsConnection connection, CharSequence frame) {
        if (WsConnection.longAfter(frame, PHASE_FIELD) >= 0) {
            return; // the publisher's own copy of its message
        }
        CompletableFuture<String> answer = connection.answer;
        String type = WsConnection.stringField(frame, "type");
        if ("welcome".equals(type)) {
            connection.ready.complete(null);
        } else if (answer != null && ("ack".equals(type) || "error".equals(type))) {
            answer.complete(frame.toString());
        } else if ("ack".equals(type) || "error".equals(type)) {
            if ("ack".equals(type)) {
                publishAcks.incrementAndGet();
            } else {
                publishErrors.incrementAndGet();
                lastPublishError.set(frame.toString());
            }
            Semaphore w = publishWindow;
            if (w != null) {
                w.release();
            }
        }
    }

    /** Welcome, acks and errors of a subscriber; other frames (member joined, ...) are not counted. */
    static void control(WsConnection connection, CharSequence frame) {
        String type = WsConnection.stringField(frame, "type");
        if ("welcome".equals(type)) {
            connection.ready.complete(null);
        } else if ("ack".equals(type) || "error".equals(type)) {
            CompletableFuture<String> answer = connection.answer;
            if (answer != null) {
                answer.complete(frame.toString());
            }
        }
    }

    private void joinAll(List<WsConnection> subs) throws Exception {
        ExecutorService joiners = Executors.newFixedThreadPool(16, daemon("join"));
        try {
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (WsConnection sub : subs) {
                joins.add(CompletableFuture.runAsync(() -> expectAck(sub.ask(join("j"), 60), "join"), joiners));
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        } finally {
            joiners.shutdownNow();
        }
    }

    private String join(String ref) {
        return "{\"type\":\"join\",\"room\":\"" + room + "\",\"ref\":\"" + ref + "\"}";
    }

    static void expectAck(String frame, String what) {
        if (!"ack".equals(WsConnection.stringField(frame, "type"))) {
            throw new IllegalStateException(what + " answered " + frame);
        }
    }

    private void restCreateRoom() throws IOException, InterruptedException {
        HttpResponse<String> response = rest.send(HttpRequest.newBuilder(
                        URI.create("http://" + HOST + ":" + port + "/api/v1/rooms?user=bench-owner"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + room + "\",\"name\":\"Bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating room " + room + ": " + response.statusCode() + " " + response.body());
        }
    }

    // --------------------------------------------------------------------------------------------- bare loop

    private void bareSaturationAndLatency(Results results) throws Exception {
        URI uri = URI.create("ws://" + HOST + ":" + port + "/baseline/ws");
        WsConnection publisher = connectAll(1, i -> uri, (c, f) -> {
            if (WsConnection.longAfter(f, PHASE_FIELD) == SOLO_PHASE) {
                soloEchoes.incrementAndGet();
            }
        }, false, 1).get(0);
        awaitBareSessions(1);
        soloWarmup(publisher, false);
        List<WsConnection> subs = connectAll(subscribers, i -> uri, (c, f) -> delivery(f), false, 100);
        awaitBareSessions(subscribers + 1);
        log("bare loop: " + subs.size() + " subscribers and the publisher connected");
        try {
            warmUp(publisher, 4, false);
            log("bare loop: saturation, " + messages + " messages");
            jfr("start", "bare");
            Measured sat = saturate(publisher, messages, 5, false);
            jfr("stop", "bare");
            results.saturation = sat;
            log("bare loop: " + sat.summary());
            double rate = 0.5 * sat.deliveredPerSecond() / subscribers;
            log(String.format(Locale.ROOT, "bare loop: latency at half the maximum rate: %.1f publishes/s for %.0f s", rate, latencySeconds));
            results.latency = paced(publisher, rate, 6, false);
            log("bare loop: " + results.latency.summary());
            results.closedSubscribers = subs.stream().filter(WsConnection::isClosed).count();
            results.complete = sat.complete && results.latency.complete;
        } finally {
            closeAll(subs);
            closeAll(List.of(publisher));
        }
    }

    private void awaitBareSessions(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int sessions;
        while ((sessions = heap().getInt("sessions")) != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bare endpoint holds " + sessions + " sessions, expected " + expected);
            }
            Thread.sleep(200);
        }
    }

    // ---------------------------------------------------------------------------------------------- phases

    /** A subscriber's frame carrying a benchmark message: counted in the current phase. */
    private boolean delivery(CharSequence frame) {
        long id = WsConnection.longAfter(frame, PHASE_FIELD);
        if (id < 0) {
            return false;
        }
        Phase current = phase;
        if (current != null && current.id == id) {
            current.delivered(WsConnection.longAfter(frame, SENT_FIELD));
        } else {
            stray.incrementAndGet();
        }
        return true;
    }

    private String message(boolean huddle, int phaseId, int index, long sentNanos) {
        String data = "{\"ph\":" + phaseId + ",\"i\":" + index + ",\"sentNs\":" + sentNanos + "}";
        return huddle ? "{\"type\":\"publish\",\"room\":\"" + room + "\",\"ref\":\"p" + index + "\",\"data\":" + data + "}" : data;
    }

    /**
     * The publisher alone (no subscriber connected yet) sends {@code bench.warmup.solo} messages as fast as the
     * server takes them, and the run waits until all were answered (Huddle: acked; bare loop: echoed back). The
     * per-message work (for Huddle: parsing the command, the rate limit, the transaction, encoding the frame) runs
     * once per message, not once per delivery, so the warm-up with N subscribers alone would leave it less
     * compiled than the per-delivery code; this warms it up at little cost. Not measured.
     */
    private void soloWarmup(WsConnection publisher, boolean huddle) throws Exception {
        if (soloMessages <= 0) {
            return;
        }
        String label = huddle ? "Huddle" : "bare loop";
        log(label + ": warm-up of the per-message path, the publisher alone, " + soloMessages + " messages");
        long acks0 = publishAcks.get() + publishErrors.get();
        soloEchoes.set(0);
        LongSupplier answered = () -> huddle ? publishAcks.get() + publishErrors.get() - acks0 : soloEchoes.get();
        long serverCpu0 = LibertyServer.cpuNanos(serverProcess);
        long start = now();
        long serverCpuHalf = 0;
        long half = soloMessages / 2;
        Semaphore inFlight = new Semaphore(window);
        publishWindow = huddle ? inFlight : null;
        for (int i = 0; i < soloMessages; i++) {
            if (i == half) {
                // The second half's CPU is closer to the steady state: the JIT did most of its work in the first.
                awaitAnswered(answered, half);
                serverCpuHalf = LibertyServer.cpuNanos(serverProcess);
            }
            if (huddle && !inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no publish ack for 60 s during the solo warm-up");
            }
            publisher.send(message(huddle, SOLO_PHASE, i, now()));
        }
        awaitAnswered(answered, soloMessages);
        publishWindow = null;
        long serverCpu1 = LibertyServer.cpuNanos(serverProcess);
        log(String.format(Locale.ROOT, "%s: %d messages answered in %.2f s; server CPU %.2f s (%.1f µs per message;"
                        + " %.1f µs per message in the second half)", label, soloMessages, (now() - start) / 1e9,
                (serverCpu1 - serverCpu0) / 1e9, (serverCpu1 - serverCpu0) / 1e3 / soloMessages,
                (serverCpu1 - serverCpuHalf) / 1e3 / (soloMessages - half)));
    }

    private static void awaitAnswered(LongSupplier answered, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (answered.getAsLong() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the solo warm-up was not answered within 120 s");
            }
            Thread.sleep(5);
        }
    }

    /**
     * The unmeasured warm-up with the subscribers connected: {@code bench.warmup} messages, then rounds of a quarter
     * of that (at most {@code bench.warmup.rounds}) until the server's JIT compilers took at most
     * {@code bench.warmup.jit-share} of the server's CPU in two rounds in a row: the measured run should find the
     * code compiled, not pay for compiling it. (Compilation comes in bursts, also from code that runs now and then,
     * such as the embedded database's background writer, so one quiet round proves little.)
     */
    private void warmUp(WsConnection publisher, int phaseId, boolean huddle) throws Exception {
        String label = huddle ? "Huddle" : "bare loop";
        log(label + ": warm-up, " + warmupMessages + " messages");
        Measured round = saturate(publisher, warmupMessages, phaseId, huddle);
        int roundMessages = Math.max(100, warmupMessages / 4);
        int quietRounds = 0;
        for (int extra = 1; ; extra++) {
            if (round.jitNanos() < 0) {
                log(label + ": the JIT compilation time is not readable; no further warm-up");
                return;
            }
            double share = round.jitNanos() / (double) Math.max(1, round.serverCpuNanos());
            quietRounds = share <= warmupJitShare ? quietRounds + 1 : 0;
            if (quietRounds == 2 || extra > warmupRounds) {
                log(String.format(Locale.ROOT, "%s: JIT compilation took %.1f%% of the server's CPU in the last warm-up"
                        + " round", label, 100 * share));
                return;
            }
            log(String.format(Locale.ROOT, "%s: JIT compilation took %.1f%% of the server's CPU in that round;"
                    + " warm-up round %d of at most %d more, %d messages", label, 100 * share, extra, warmupRounds,
                    roundMessages));
            round = saturate(publisher, roundMessages, phaseId, huddle);
        }
    }

    private Measured saturate(WsConnection publisher, int count, int phaseId, boolean huddle) throws Exception {
        Phase current = new Phase(phaseId, (long) count * subscribers);
        Semaphore inFlight = new Semaphore(window);
        publishWindow = huddle ? inFlight : null;
        phase = current;
        current.jitNanos0 = jitNanos();
        long machineCpu0 = Machine.busyNanos();
        long serverCpu0 = LibertyServer.cpuNanos(serverProcess);
        current.serverSystem0 = LibertyServer.systemCpuNanos(serverProcess);
        long clientCpu0 = clientCpuNanos();
        long start = now();
        for (int i = 0; i < count; i++) {
            if (huddle && !inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no publish ack for 60 s (" + publishErrors.get() + " errors, last "
                        + lastPublishError.get() + ")");
            }
            publisher.send(message(huddle, phaseId, i, now()));
        }
        return finish(current, start, serverCpu0, clientCpu0, machineCpu0, count, Double.NaN);
    }

    private Measured paced(WsConnection publisher, double publishesPerSecond, int phaseId, boolean huddle) throws Exception {
        int count = (int) Math.max(50, Math.min(20_000, Math.round(publishesPerSecond * latencySeconds)));
        Phase current = new Phase(phaseId, (long) count * subscribers);
        publishWindow = null;
        phase = current;
        double interval = 1e9 / publishesPerSecond;
        current.jitNanos0 = jitNanos();
        long machineCpu0 = Machine.busyNanos();
        long serverCpu0 = LibertyServer.cpuNanos(serverProcess);
        current.serverSystem0 = LibertyServer.systemCpuNanos(serverProcess);
        long clientCpu0 = clientCpuNanos();
        long start = now() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < count; i++) {
            long scheduled = start + (long) (i * interval);
            long wait;
            while ((wait = scheduled - now()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            // The latency counts from the scheduled time: a publisher that falls behind does not hide it.
            publisher.send(message(huddle, phaseId, i, scheduled));
        }
        return finish(current, start, serverCpu0, clientCpu0, machineCpu0, count, publishesPerSecond);
    }

    private Measured finish(Phase current, long start, long serverCpu0, long clientCpu0, long machineCpu0, int count,
                            double rate) throws InterruptedException {
        long timeoutSeconds = 120 + current.expected / 10_000;
        boolean complete = current.done.await(timeoutSeconds, TimeUnit.SECONDS);
        long end = complete ? current.lastNanos : now();
        long serverCpu = LibertyServer.cpuNanos(serverProcess) - serverCpu0;
        long serverSystem = LibertyServer.systemCpuNanos(serverProcess) - current.serverSystem0;
        long clientCpu = clientCpuNanos() - clientCpu0;
        long otherCpu = Math.max(0, Machine.busyNanos() - machineCpu0 - serverCpu - clientCpu);
        long jit = current.jitNanos0 < 0 ? -1 : jitNanos() - current.jitNanos0;
        phase = null;
        if (!complete) {
            log("WARNING: phase " + current.id + " timed out after " + timeoutSeconds + " s with "
                    + current.received.get() + " of " + current.expected + " deliveries");
        }
        return new Measured(count, current.expected, current.received.get(), end - start, serverCpu, serverSystem,
                jit, clientCpu, otherCpu, current.latency, rate, complete);
    }

    // ------------------------------------------------------------------------------------------- idle heap

    /** Which connections an idle-heap phase opens. */
    private enum Idle {
        HUDDLE("Huddle", "huddle"),
        BARE("bare loop", "bare"),
        /** Bare connections sent a text frame and a ping on open, as Huddle sends each its welcome and a probe. */
        BARE_GREETED("bare loop, connections written to", "bare-greeted");

        final String label;
        final String file;

        Idle(String label, String file) {
            this.label = label;
            this.file = file;
        }
    }

    /** Heap per idle connection: the used heap a moment after full collections, and right after them (live). */
    record IdleHeap(long used, long live) {
    }

    private IdleHeap idleHeap(Idle kind) throws Exception {
        boolean huddle = kind == Idle.HUDDLE;
        // Huddle's connections and the greeted bare ones are ready once their welcome arrived.
        boolean greeted = kind != Idle.BARE;
        String label = kind.label;
        Thread.sleep(2000);
        JsonObject heapBefore = heap();
        long before = heapBefore.getJsonNumber("usedHeap").longValue();
        long liveBefore = heapBefore.getJsonNumber("liveHeap").longValue();
        Map<String, long[]> histogramBefore = idleHistogram ? histogram() : null;
        log(label + ": heap before " + idleConnections + " idle connections: " + before + " bytes (live " + liveBefore + ")");
        IntFunction<URI> uri = huddle
                ? i -> URI.create("ws://" + HOST + ":" + port + "/ws?user=" + String.format("idle-%05d", i))
                : i -> URI.create("ws://" + HOST + ":" + port + "/baseline/ws" + (kind == Idle.BARE_GREETED ? "?greet" : ""));
        AtomicLong unexpected = new AtomicLong();
        BiConsumer<WsConnection, CharSequence> handler = greeted
                ? (c, f) -> {
                    if ("welcome".equals(WsConnection.stringField(f, "type"))) {
                        c.ready.complete(null);
                    } else {
                        unexpected.incrementAndGet();
                    }
                }
                : (c, f) -> unexpected.incrementAndGet();
        List<WsConnection> idle = connectAll(idleConnections, uri, handler, greeted, 200);
        try {
            if (!huddle) {
                awaitBareSessions(idleConnections);
            }
            Thread.sleep(Math.max(2, idleSettleSeconds) * 1000L);
            JsonObject heapAfter = heap();
            long after = heapAfter.getJsonNumber("usedHeap").longValue();
            long liveAfter = heapAfter.getJsonNumber("liveHeap").longValue();
            if (histogramBefore != null) {
                Path file = settings.workDir().resolve("histogram-" + kind.file + ".txt");
                Files.writeString(file, histogramGrowth(histogramBefore, histogram(), idleConnections));
                log(label + ": class histogram growth written to " + file);
            }
            long closed = idle.stream().filter(WsConnection::isClosed).count();
            log(label + ": heap with " + idleConnections + " idle connections: " + after + " bytes (live " + liveAfter
                    + "; " + closed + " closed by the server, " + unexpected.get() + " unexpected frames)");
            if (closed > 0) {
                throw new IllegalStateException(closed + " idle connections were closed by the server");
            }
            return new IdleHeap((after - before) / idleConnections, (liveAfter - liveBefore) / idleConnections);
        } finally {
            closeAll(idle);
        }
    }

    /** Starts or stops a flight recording of the server when {@code bench.profile} is set. */
    private void jfr(String action, String label) throws IOException, InterruptedException {
        if (!profile) {
            return;
        }
        String name = "saturation-" + label;
        jcmd("JFR." + action, "name=" + name, action.equals("start") ? "settings=" + profileSettings
                : "filename=" + settings.workDir().resolve(name + ".jfr").toAbsolutePath());
        log("JFR." + action + " " + name);
    }

    /**
     * The time the server JVM's JIT compilers have spent so far ({@code java.ci.totalTime} of
     * {@code jcmd PerfCounter.print}), or -1 when it cannot be read. Read outside the measured intervals: jcmd is
     * a process of its own.
     */
    private long jitNanos() {
        return jitNanos(serverProcess);
    }

    /** {@link #jitNanos()} of {@code server}. */
    static long jitNanos(ProcessHandle server) {
        try {
            String counters = jcmd(server, "PerfCounter.print");
            long ticks = perfCounter(counters, "java.ci.totalTime");
            long frequency = perfCounter(counters, "sun.os.hrt.frequency");
            return ticks < 0 || frequency <= 0 ? -1 : (long) (ticks * 1e9 / frequency);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long perfCounter(String counters, String name) {
        for (String line : counters.split("\\R")) {
            if (line.startsWith(name + "=")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }

    /** Runs a diagnostic command in the server JVM and returns its output; fails when it fails. */
    private String jcmd(String... command) throws IOException, InterruptedException {
        return jcmd(serverProcess, command);
    }

    static String jcmd(ProcessHandle server, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** The server's live objects by class (jcmd GC.class_histogram, which runs a full GC): count and bytes. */
    private Map<String, long[]> histogram() throws IOException, InterruptedException {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[0].endsWith(":")) {
                classes.put(cols[3], new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])});
            }
        }
        return classes;
    }

    private static String histogramGrowth(Map<String, long[]> before, Map<String, long[]> after, int connections) {
        long total = after.values().stream().mapToLong(v -> v[1]).sum()
                - before.values().stream().mapToLong(v -> v[1]).sum();
        StringBuilder out = new StringBuilder(String.format("every class: %d bytes, %.1f B per connection; the 80 that"
                + " changed most:%n", total, (double) total / connections));
        out.append(String.format("%12s %12s %10s  %s%n", "instances", "bytes", "B/conn", "class"));
        after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .filter(e -> e.getValue()[1] != 0)
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(80)
                .forEach(e -> out.append(String.format("%12d %12d %10.1f  %s%n",
                        e.getValue()[0], e.getValue()[1], (double) e.getValue()[1] / connections, e.getKey())));
        return out.toString();
    }

    private JsonObject heap() throws IOException, InterruptedException {
        HttpResponse<String> response = rest.send(HttpRequest.newBuilder(
                        URI.create("http://" + HOST + ":" + port + "/baseline/heap"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /baseline/heap: " + response.statusCode());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    // ------------------------------------------------------------------------------------------ connections

    private List<WsConnection> connectAll(int count, IntFunction<URI> uri, BiConsumer<WsConnection, CharSequence> handler,
                                          boolean awaitWelcome, int concurrency) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<WsConnection>> opening = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!permits.tryAcquire(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connections stopped opening after " + i + " of " + count);
            }
            int index = i;
            CompletableFuture<WsConnection> one = openOne(index, uri, handler, awaitWelcome)
                    .exceptionallyCompose(e -> {
                        // Now and then one handshake of thousands gets no answer (the bare loop's too): try once more, and say so.
                        if (!(rootCause(e) instanceof java.net.http.HttpTimeoutException)) {
                            return CompletableFuture.failedFuture(e);
                        }
                        log("WARNING: handshake " + index + " got no answer within 30 s; trying it once more");
                        retriedHandshakes.incrementAndGet();
                        return openOne(index, uri, handler, awaitWelcome);
                    });
            one.whenComplete((c, e) -> permits.release());
            opening.add(one);
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        return opening.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<WsConnection> openOne(int i, IntFunction<URI> uri,
                                                   BiConsumer<WsConnection, CharSequence> handler, boolean awaitWelcome) {
        return WsConnection.open(clients[i % clients.length], uri.apply(i), handler)
                .thenCompose(c -> awaitWelcome ? c.ready.thenApply(v -> c) : CompletableFuture.completedFuture(c))
                .orTimeout(60, TimeUnit.SECONDS);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Gives the member frames of the joins (about N²/2 of them) a second to drain before the warm-up. */
    private void settle(List<WsConnection> subs) throws InterruptedException {
        Thread.sleep(1000);
        log("Huddle: " + subs.size() + " subscribers and the publisher joined " + room);
    }

    static void closeAll(List<WsConnection> connections) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (WsConnection c : connections) {
            closing.add(c.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log("WARNING: closing " + connections.size() + " connections: " + e);
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        URI huddle = URI.create("http://" + HOST + ":" + port + "/api/v1/rooms?user=bench-owner");
        URI bare = URI.create("http://" + HOST + ":" + port + "/baseline/heap");
        while (true) {
            if (status(huddle) == 200 && status(bare) == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Huddle or the bare loop did not start within 180 s");
            }
            Thread.sleep(500);
        }
    }

    private int status(URI uri) throws InterruptedException {
        try {
            return rest.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------------ misc

    static long now() {
        return System.nanoTime() - EPOCH;
    }

    static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The deliveries of one phase (also a run of the compare mode's {@link PacedFanout}). */
    static final class Phase {
        final int id;
        final long expected;
        final AtomicLong received = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        final LatencyHistogram latency = new LatencyHistogram();
        volatile long lastNanos;
        /** The server's system CPU time and JIT compilation time (-1: unknown) when the phase started. */
        long serverSystem0;
        long jitNanos0;

        Phase(int id, long expected) {
            this.id = id;
            this.expected = expected;
        }

        void delivered(long sentNanos) {
            long t = now();
            latency.record(t - sentNanos);
            if (received.incrementAndGet() == expected) {
                lastNanos = t;
                done.countDown();
            }
        }
    }

    /** What one measured phase saw. */
    record Measured(int published, long expected, long delivered, long nanos, long serverCpuNanos,
                    long serverSystemNanos, long jitNanos, long clientCpuNanos, long otherCpuNanos,
                    LatencyHistogram latency, double publishRate, boolean complete) {

        double seconds() {
            return nanos / 1e9;
        }

        double deliveredPerSecond() {
            return delivered / seconds();
        }

        double serverCpuMicrosPerDelivery() {
            return serverCpuNanos / 1e3 / delivered;
        }

        double serverSystemMicrosPerDelivery() {
            return serverSystemNanos / 1e3 / delivered;
        }

        double clientCpuMicrosPerDelivery() {
            return clientCpuNanos / 1e3 / delivered;
        }

        String summary() {
            return String.format(Locale.ROOT, "%d published, %d/%d delivered in %.2f s = %.0f deliveries/s; server CPU %.2f s"
                            + " (%.2f µs/delivery), client CPU %.2f s, other processes %.2f s; latency p50 %.2f ms,"
                            + " p99 %.2f ms, max %.2f ms",
                    published, delivered, expected, seconds(), deliveredPerSecond(), serverCpuNanos / 1e9,
                    serverCpuMicrosPerDelivery(), clientCpuNanos / 1e9, otherCpuNanos / 1e9, latency.percentileMillis(0.50),
                    latency.percentileMillis(0.99), latency.maxMillis());
        }
    }

    /** Everything measured for one side. */
    static final class Results {
        final String name;
        Measured saturation;
        Measured latency;
        /** Heap per idle connection, {@code null} when not measured. */
        IdleHeap idleHeap;
        long publishErrors;
        String lastPublishError;
        long closedSubscribers;
        boolean complete;

        Results(String name) {
            this.name = name;
        }
    }
}
