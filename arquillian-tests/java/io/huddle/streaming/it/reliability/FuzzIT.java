package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.LibertyProcess;
import io.huddle.streaming.it.support.RawWsClient;
import io.huddle.streaming.it.support.SseClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@value #WS_FRAMES} malformed frames over WebSocket and {@value #SSE_POSTS} over SSE POST (random bytes, truncated
 * JSON, wrong types, huge numbers, deep nesting, oversized, invalid UTF-8), each batch followed by a well-formed
 * command: every frame gets exactly one answer, every well-formed command its {@code ack}, no answer carries a stack
 * trace or a class name, the connections stay open, and the server logs no failure of its own. The seed is printed
 * (and taken from {@code -Dhuddle.fuzz.seed}) so that a failing run can be repeated.
 */
class FuzzIT {

    private static final int WS_CONNECTIONS = 4;
    private static final int WS_FRAMES = 80_000;
    private static final int SSE_POSTS = 20_000;
    private static final int BATCH = 100;
    private static final int LIMIT = 65_536;
    /** What an answer must never show: a stack frame, an exception's class, a package of the server. */
    private static final Pattern LEAK = Pattern.compile("\\tat |Exception|java\\.|jakarta\\.|io\\.huddle|org\\.|com\\.ibm");

    private LibertyProcess server;
    private URL base;

    @BeforeEach
    void freshServer() throws Exception {
        base = new URL("http://127.0.0.1:" + Integer.getInteger("huddle.crash.http.port") + "/");
        server = new LibertyProcess(Path.of(System.getProperty("huddle.crash.wlp")), System.getProperty("huddle.crash.server"), base);
        server.stopQuietly();
        server.deployFresh(Path.of(System.getProperty("huddle.war")));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stopQuietly();
    }

    @Test
    void malformedFramesAtVolumeAreEachAnsweredWithoutCrashOrLeakAndWellFormedCommandsStillWork() throws Exception {
        long seed = Long.getLong("huddle.fuzz.seed", System.nanoTime());
        System.out.println("[reliability] fuzz seed " + seed + " (-Dhuddle.fuzz.seed=" + seed + " repeats this run)");
        Api api = new Api(base);
        String owner = Api.user("fuzz");
        String room = Api.roomId("fuzz");
        api.createRoom(owner, room, "");
        Path log = server.directory().resolve("logs").resolve("messages.log");
        long logBefore = Files.size(log);
        long started = System.nanoTime();

        ExecutorService threads = Executors.newFixedThreadPool(WS_CONNECTIONS + 1);
        List<Future<Integer>> ws = new ArrayList<>();
        for (int c = 0; c < WS_CONNECTIONS; c++) {
            String user = Api.user("ws" + c);
            assertEquals(201, api.post(user, "rooms/" + room + "/members", "{}").status());
            long connectionSeed = seed + c;
            ws.add(threads.submit(() -> fuzzWebSocket(user, room, new Random(connectionSeed), WS_FRAMES / WS_CONNECTIONS)));
        }
        String sseUser = Api.user("sse");
        assertEquals(201, api.post(sseUser, "rooms/" + room + "/members", "{}").status());
        Future<Integer> sse = threads.submit(() -> fuzzSse(sseUser, room, new Random(seed - 1), SSE_POSTS));
        int frames = 0;
        for (Future<Integer> f : ws) {
            frames += f.get(10, TimeUnit.MINUTES);
        }
        int posts = sse.get(10, TimeUnit.MINUTES);
        threads.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        closesOnWhatTheProtocolForbids(room);

        String logged = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) logBefore);
        List<String> failures = logged.lines().filter(line -> line.matches("^\\[[^]]+] \\S+ \\S+\\s+[EWF] .*")
                || line.startsWith("\tat ")).toList();
        assertTrue(failures.isEmpty(), "the server logged failures while fuzzed:\n" + String.join("\n", failures));
        System.out.printf("[reliability] fuzz: %d malformed WebSocket frames and %d malformed SSE POSTs in %.1f s, each"
                + " answered once, no stack trace or class name in any answer, no failure logged, every interleaved"
                + " command answered%n", frames, posts, seconds);
    }

    /** Sends {@code count} malformed frames in batches, each followed by a well-formed command. */
    private int fuzzWebSocket(String user, String room, Random random, int count) throws IOException {
        try (RawWsClient ws = RawWsClient.connect(base, user, 1 << 20)) {
            expect(ws, "welcome");
            int sent = 0;
            for (int batch = 0; sent < count; batch++) {
                int n = Math.min(BATCH, count - sent);
                for (int i = 0; i < n; i++) {
                    ws.sendText(Malformed.frame(random, room, LIMIT, false));
                }
                sent += n;
                String ref = "ok-" + batch;
                ws.sendText(("{\"type\":\"who\",\"room\":\"" + room + "\",\"ref\":\"" + ref + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                int answers = 0;
                while (true) {
                    JsonObject frame = text(ws);
                    String type = frame.getString("type", "");
                    if (type.equals("ack") && ref.equals(frame.getString("ref", null))) {
                        break;
                    }
                    if (type.equals("error") || type.equals("ack") || type.equals("reply")) {
                        assertTrue(!LEAK.matcher(frame.toString()).find(), () -> "an answer leaks internals: " + frame);
                        answers++;
                    }
                }
                assertEquals(n, answers, user + ": every malformed frame of batch " + batch + " is answered once");
            }
            return sent;
        }
    }

    /** Posts {@code count} malformed bodies, each batch followed by a well-formed command. */
    private int fuzzSse(String user, String room, Random random, int count) throws Exception {
        try (SseClient stream = SseClient.open(base, user, "")) {
            String connection = stream.next().data().getString("connection");
            HttpClient http = HttpClient.newHttpClient();
            URI commands = URI.create(base + "sse/" + connection + "/commands?user=" + user);
            int sent = 0;
            while (sent < count) {
                for (int i = 0; i < BATCH && sent < count; i++, sent++) {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(commands)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Malformed.frame(random, room, LIMIT, true))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    int status = answer.statusCode();
                    assertTrue(status == 200 || status >= 400 && status < 500,
                            () -> "a malformed POST was answered " + status + ": " + answer.body());
                    assertTrue(!LEAK.matcher(answer.body()).find(), () -> "an answer leaks internals: " + answer.body());
                    if (status >= 400) {
                        JsonObject error = Json.createReader(new StringReader(answer.body())).readObject();
                        assertTrue(!error.getString("code").isEmpty(), answer::body);
                    }
                }
                HttpResponse<String> ok = stream.post(connection, "{\"type\":\"who\",\"room\":\"" + room + "\"}");
                assertEquals(200, ok.statusCode(), ok::body);
            }
            return sent;
        }
    }

    /**
     * What the protocol answers with a close instead of an error, each on a connection of its own while the others
     * stay untouched: a text frame that is not UTF-8 (1007) and one far above the size limit (1009).
     */
    private void closesOnWhatTheProtocolForbids(String room) throws IOException {
        try (RawWsClient ws = RawWsClient.connect(base, Api.user("utf"), 1 << 16)) {
            expect(ws, "welcome");
            ws.sendText(new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
            assertEquals(1007, ws.readUntilClose(20_000), "a text frame that is not UTF-8 closes with 1007");
        }
        try (RawWsClient ws = RawWsClient.connect(base, Api.user("huge"), 1 << 16)) {
            expect(ws, "welcome");
            ws.sendText(("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"" + "x".repeat(5 * LIMIT) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(1009, ws.readUntilClose(20_000), "a frame far above the limit closes with 1009");
        }
    }

    private static void expect(RawWsClient ws, String type) throws IOException {
        JsonObject frame = text(ws);
        assertEquals(type, frame.getString("type"), frame::toString);
    }

    /** The next text frame as JSON (pings answered, other control frames skipped). */
    private static JsonObject text(RawWsClient ws) throws IOException {
        while (true) {
            RawWsClient.Frame frame = ws.readFrame(30_000);
            if (frame.opcode() == 9) {
                ws.sendPong(frame.payload());
            } else if (frame.opcode() == 8) {
                throw new AssertionError("the server closed the connection: " + frame.text());
            } else if (frame.opcode() == 1) {
                return Json.createReader(new StringReader(frame.text())).readObject();
            }
        }
    }
}
