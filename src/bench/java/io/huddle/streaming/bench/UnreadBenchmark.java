package io.huddle.streaming.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's unread mode ({@code -Dbench.mode=unread}): how long a user's unread counts take when the user is
 * in many rooms and the database holds many messages.
 *
 * <ol>
 *   <li>Starts the {@code huddle-bench} server with Huddle and {@code baseline.war} (which holds
 *       {@link UnreadSeedServlet}), and seeds {@code bench.unread.messages} messages over {@code bench.unread.rooms}
 *       rooms, the reading user a member of each with 0 to 990 of them unread and every 50th mentioning them.</li>
 *   <li>Calls {@code GET /api/v1/users/{user}/unread}, then the WebSocket command {@code unread}, each
 *       {@code bench.unread.warmup} times unmeasured and {@code bench.unread.calls} times one after another, timing
 *       each round trip on the client (so each figure includes the transport on the loopback), and checks every
 *       answer: one entry per room, with the seeded counts.</li>
 * </ol>
 * Prints the table and writes it to {@code unread-result.txt} in the work directory. The exit status is 0 unless an
 * answer was wrong; the 20 ms target is reported, not enforced. The server is stopped at the end, on failure,
 * Ctrl+C and after {@code bench.timeout.minutes}.
 */
final class UnreadBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final double TARGET_MS = 20;

    private final int rooms = Integer.getInteger("bench.unread.rooms", 200);
    private final long messages = Long.getLong("bench.unread.messages", 1_000_000);
    private final int warmup = Integer.getInteger("bench.unread.warmup", 200);
    private final int calls = Integer.getInteger("bench.unread.calls", 500);
    private final BenchSettings settings = BenchSettings.read();
    private final int port = settings.port();

    private final HttpClient rest = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final long stamp = System.currentTimeMillis();
    private final String prefix = "unread-" + stamp;
    private final String user = "reader-" + stamp;

    int run() throws Exception {
        if (rooms < 1 || messages < rooms || warmup < 0 || calls < 1) {
            throw new IllegalArgumentException("bench.unread.rooms and bench.unread.calls must be at least 1, and"
                    + " bench.unread.messages at least bench.unread.rooms");
        }
        String javaHome = System.getProperty("java.home");
        LibertyServer server = settings.server(javaHome);
        server.requireCreated();
        Thread watchdog = server.guard(settings.timeoutMinutes());
        try {
            String machine = Machine.describe(javaHome, settings.wlp());
            System.out.println(machine);
            Path baselineWar = BenchmarkRunner.baselineWar(settings.workDir(), UnreadSeedServlet.class);
            server.deploy(List.of(settings.huddleWar(), baselineWar));
            BenchmarkRunner.log("starting server " + settings.serverName() + " on " + HOST + ":" + port);
            server.start();
            awaitReady();
            String database = server.logTail(400).lines().filter(l -> l.contains("Huddle database:")).findFirst()
                    .map(l -> l.substring(l.indexOf("Huddle database:") + 16).trim()).orElse("(not logged)");
            BenchmarkRunner.log("seeding " + messages + " messages over " + rooms + " rooms (" + database + ")");
            JsonObject seeded = json(send("POST", "/baseline/unread-seed?prefix=" + prefix + "&user=" + user
                    + "&rooms=" + rooms + "&messages=" + messages, "", 1800, 200));
            double seedSeconds = seeded.getJsonNumber("nanos").longValue() / 1e9;
            BenchmarkRunner.log(String.format(Locale.ROOT, "seeded %d messages in %.1f s", seeded.getJsonNumber("messages").longValue(), seedSeconds));

            long perRoom = messages / rooms;
            List<String> problems = new ArrayList<>();
            double[] overRest = time(this::call, perRoom, problems);
            WsConnection socket = openSocket();
            double[] overSocket;
            try {
                overSocket = time(() -> socket.ask("{\"type\":\"unread\",\"ref\":\"u\"}", 30), perRoom, problems);
            } finally {
                socket.close().join();
            }
            String table = table(database, seeded.getJsonNumber("messages").longValue(), seedSeconds, overRest,
                    overSocket, problems);
            BenchmarkRunner.report(settings.workDir().resolve("unread-result.txt"), machine, table);
            return problems.isEmpty() ? 0 : 1;
        } catch (Exception | Error e) {
            return BenchmarkRunner.failed(e, server);
        } finally {
            server.stopQuietly();
            watchdog.interrupt();
        }
    }

    /** A source of one answer to time. */
    private interface Call {
        String answer() throws Exception;
    }

    /** {@code bench.unread.warmup} unmeasured calls, then {@code bench.unread.calls} timed ones; each answer checked. */
    private double[] time(Call call, long perRoom, List<String> problems) throws Exception {
        for (int i = 0; i < warmup; i++) {
            check(call.answer(), perRoom, problems);
        }
        double[] millis = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            String body = call.answer();
            millis[i] = (System.nanoTime() - t0) / 1e6;
            check(body, perRoom, problems);
        }
        Arrays.sort(millis);
        return millis;
    }

    private WsConnection openSocket() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        URI uri = URI.create("ws://" + HOST + ":" + port + "/ws?user=" + user);
        return WsConnection.open(client, uri, (connection, frame) -> {
            String type = WsConnection.stringField(frame, "type");
            if ("welcome".equals(type)) {
                connection.ready.complete(null);
            } else if ("ack".equals(type) || "error".equals(type)) {
                connection.answer.complete(frame.toString());
            }
        }).thenCompose(c -> c.ready.thenApply(v -> c)).get(60, TimeUnit.SECONDS);
    }

    private String table(String database, long stored, double seedSeconds, double[] overRest, double[] overSocket,
                         List<String> problems) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "unread counts of one user in %d rooms; %d messages stored (seeded in %.1f s)%n",
                rooms, stored, seedSeconds));
        out.append("database: ").append(database).append('\n');
        out.append(String.format(Locale.ROOT, "%d calls one after another (after %d unmeasured), round trip on the client:%n",
                calls, warmup));
        row(out, "GET /api/v1/users/{user}/unread", overRest);
        row(out, "WebSocket command unread", overSocket);
        out.append(problems.isEmpty() ? "  every answer held the seeded counts\n"
                : "  WRONG ANSWERS: " + problems.size() + ", first: " + problems.get(0) + "\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, double[] millis) {
        double p99 = percentile(millis, 0.99);
        out.append(String.format(Locale.ROOT, "  %-34s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (p99 under %.0f ms: %s)%n",
                name, percentile(millis, 0.50), percentile(millis, 0.90), p99, millis[millis.length - 1], TARGET_MS,
                p99 < TARGET_MS ? "met" : "NOT met"));
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private String call() throws IOException, InterruptedException {
        return send("GET", "/api/v1/users/" + user + "/unread?user=" + user, null, 30, 200);
    }

    /** Every seeded room once, with {@code (i % 100) * 10} unread and the mentions among them (every 50th seq). */
    private void check(String body, long perRoom, List<String> problems) {
        List<JsonObject> answer = json(body).getJsonArray("rooms").getValuesAs(JsonObject.class);
        if (answer.size() != rooms) {
            problems.add(answer.size() + " rooms answered, " + rooms + " seeded");
            return;
        }
        for (JsonObject r : answer) {
            String id = r.getString("room");
            int i = Integer.parseInt(id.substring(prefix.length() + 1));
            long unread = Math.min(perRoom, (i % 100) * 10L);
            long read = perRoom - unread;
            long mentions = perRoom / 50 - read / 50;
            if (r.getJsonNumber("unread").longValue() != unread || r.getJsonNumber("mentions").longValue() != mentions) {
                problems.add(id + ": expected unread " + unread + " and mentions " + mentions + ", got " + r);
                return;
            }
        }
    }

    private String send(String method, String path, String body, long timeoutSeconds, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
                .timeout(Duration.ofSeconds(timeoutSeconds));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = rest.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        // The seed servlet answers only POST: 405 to a GET once baseline.war is up.
        while (status("/api/v1/users/" + user + "/unread?user=" + user) != 200 || status("/baseline/unread-seed") != 405) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Huddle or baseline.war did not start within 180 s");
            }
            Thread.sleep(500);
        }
    }

    private int status(String path) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            return rest.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
