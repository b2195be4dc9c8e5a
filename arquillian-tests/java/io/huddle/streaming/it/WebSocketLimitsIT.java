package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.RawWsClient;
import io.huddle.streaming.it.support.Tokens;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits, identity, close codes, back-pressure and bad input over real WebSockets.
 */
class WebSocketLimitsIT extends WireTest {

    /** An administrator of the test server (streaming.auth.admin-users), not held to the user message rate. */
    private static final String ADMIN = "it-admin";

    Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    @Test
    void validBearerTokenInAccessTokenIdentifiesTheUser() {
        String user = Api.user("jwt");
        try (WsClient client = WsClient.connectWithToken(base, Tokens.mint(user))) {
            assertEquals(user, client.next("welcome").getString("user"));
        }
    }

    @Test
    void expiredForgedOrForeignTokensAreNoIdentity() {
        String user = Api.user("jwt");
        String valid = Tokens.mint(user);
        List<String> bad = List.of(Tokens.mint(user, Duration.ofMinutes(-10), Tokens.ISSUER),
                Tokens.mint(user, Duration.ofMinutes(5), "https://elsewhere.test"),
                valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl", "not-a-token");
        for (String token : bad) {
            try (WsClient client = WsClient.connectWithToken(base, token)) {
                assertEquals(4401, client.awaitClose(), token);
            }
        }
    }

    @Test
    void bearerTokenInTheAuthorizationHeaderWorksForRest() {
        String user = Api.user("jwt");
        java.net.http.HttpResponse<String> reply = java.net.http.HttpClient.newHttpClient().sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "api/v1/rooms"))
                        .header("Authorization", "Bearer " + Tokens.mint(user))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"token room\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).join();
        assertEquals(201, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("\"owner\":\"" + user + "\""), reply.body());
    }

    @Test
    void connectionBeyondThePerUserLimitIsClosedWith4429() {
        String user = Api.user("many");
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                WsClient client = WsClient.connect(base, user);
                client.next("welcome");
                open.add(client);
            }
            try (WsClient sixth = WsClient.connect(base, user)) {
                assertEquals("limit_exceeded", sixth.next("error").getString("code"));
                assertEquals(4429, sixth.awaitClose());
            }
            assertFalse(open.get(0).isClosed());
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void publishingFasterThanTheRateLimitIsRateLimitedWithARetryDelay() {
        String alice = Api.user("fast");
        String room = Api.roomId("rate");
        api.createRoom(alice, room, "");
        try (WsClient ws = WsClient.connect(base, alice)) {
            ws.next("welcome");
            // 30 publishes at once empty the bucket (10/s, bursts of 20 on the test server); their answers and the
            // messages stored stay within the test server's 64-frame send queue.
            for (int i = 0; i < 30; i++) {
                ws.sendText("{\"type\":\"publish\",\"ref\":\"p" + i + "\",\"room\":\"" + room + "\",\"data\":" + i + "}");
            }
            JsonObject limited = ws.answers("p", 30).stream()
                    .filter(a -> "rate_limited".equals(a.getString("code", null))).findFirst().orElse(null);
            assertTrue(limited != null, "no rate_limited error among 30 publishes at once");
            assertTrue(limited.getJsonNumber("retryAfterMs").longValue() > 0);
            assertTrue(limited.getString("ref").startsWith("p"));
        }
    }

    @Test
    void restPublishesSpendTheSameBudgetAsTheSocket() throws Exception {
        String alice = Api.user("both");
        String room = Api.roomId("rate");
        api.createRoom(alice, room, "");
        try (WsClient ws = WsClient.connect(base, alice)) {
            ws.next("welcome");
            spendMessageBudget(ws, room);
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(20);
            List<Api.Reply> replies = new ArrayList<>();
            long started = System.nanoTime();
            try {
                List<java.util.concurrent.Future<Api.Reply>> rest = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    rest.add(clients.submit(() -> api.post(alice, "rooms/" + room + "/messages", "{\"data\":\"rest\"}")));
                }
                for (java.util.concurrent.Future<Api.Reply> reply : rest) {
                    replies.add(reply.get(30, java.util.concurrent.TimeUnit.SECONDS));
                }
            } finally {
                clients.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long accepted = replies.stream().filter(r -> r.status() == 201).count();
            // The budget was empty, so REST gets only what refills meanwhile (10 per second on the test server).
            long refilled = (long) Math.floor(seconds * 10) + 1;
            assertTrue(accepted <= refilled, "after the socket emptied the budget, " + accepted + " of 20 REST publishes"
                    + " within " + seconds + " s were accepted, more than the " + refilled + " tokens that refilled: " + replies);
            Api.Reply refused = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
            assertEquals("rate_limited", refused.code());
        }
    }

    @Test
    void reconnectingDoesNotRefillTheMessageBudget() {
        String alice = Api.user("again");
        String room = Api.roomId("rate");
        api.createRoom(alice, room, "");
        try (WsClient ws = WsClient.connect(base, alice)) {
            ws.next("welcome");
            spendMessageBudget(ws, room);
        }
        try (WsClient ws = WsClient.connect(base, alice)) {
            ws.next("welcome");
            for (int i = 0; i < 10; i++) {
                ws.sendText("{\"type\":\"publish\",\"ref\":\"q" + i + "\",\"room\":\"" + room + "\",\"data\":" + i + "}");
            }
            long limited = ws.answers("q", 10).stream().filter(a -> "rate_limited".equals(a.getString("code", null))).count();
            assertTrue(limited > 0, "a reconnected client starts with the budget it left with, not a fresh burst of 20");
        }
    }

    /** Publishes over {@code ws} until the answer is {@code rate_limited}: the user's message budget is empty. */
    private static void spendMessageBudget(WsClient ws, String room) {
        for (int i = 0; i < 100; i++) {
            JsonObject answer = ws.command("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":" + i + "}");
            if ("rate_limited".equals(answer.getString("code", null))) {
                return;
            }
        }
        throw new AssertionError("100 publishes in a row were never rate limited");
    }

    @Test
    void frameAboveTheSizeLimitIsTooLargeAndFarAboveItCloses1009() {
        String alice = Api.user("big");
        try (WsClient ws = WsClient.connect(base, alice)) {
            ws.next("welcome");
            String big = "{\"type\":\"publish\",\"ref\":\"big\",\"room\":\"r\",\"data\":\"" + "x".repeat(70_000) + "\"}";
            ws.sendText(big);
            JsonObject error = ws.next("error");
            assertEquals("too_large", error.getString("code"));
            assertEquals("big", error.getString("ref"));
            ws.sendText("{\"type\":\"ping\"}");
            ws.next("pong");
            ws.sendText("{\"type\":\"publish\",\"room\":\"r\",\"data\":\"" + "x".repeat(300_000) + "\"}");
            assertEquals(1009, ws.awaitClose());
        }
    }

    @Test
    void silentConnectionIsClosedWith4408() throws Exception {
        try (RawWsClient silent = RawWsClient.connect(base, Api.user("silent"), 64 * 1024)) {
            assertEquals(4408, silent.readUntilClose(20_000));
        }
    }

    @Test
    void aClientThatOnlyAnswersPingsStaysConnectedPastTheHeartbeatTimeout() throws Exception {
        try (RawWsClient quiet = RawWsClient.connect(base, Api.user("pongs-only"), 64 * 1024)) {
            // The test server pings every 2 s and closes after 6 s without a sign of life: 10 s of pongs alone.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int pings = 0;
            while (System.nanoTime() < until) {
                RawWsClient.Frame frame = openFrameWithin500Ms(quiet);
                if (frame != null && frame.opcode() == 9) {
                    quiet.sendPong(frame.payload());
                    pings++;
                }
            }
            assertTrue(pings >= 3, "heartbeat pings in 10 s: " + pings);
            quiet.sendText("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            while (true) {
                RawWsClient.Frame frame = quiet.readFrame(5_000);
                assertTrue(frame.opcode() != 8, "closed: " + frame.describeClose());
                if (frame.opcode() == 9) {
                    quiet.sendPong(frame.payload());
                } else if (frame.opcode() == 1 && frame.text().startsWith("{\"type\":\"pong\"")) {
                    break;
                }
            }
        }
    }

    @Test
    void slowConsumerIsClosedWith4500WhileAFastOneGetsEverything() throws Exception {
        assertEquals(4500, slowAndFastConsumers("y".repeat(60_000), 200));
    }

    /**
     * Small frames are first written directly; a client that then stops reading must not hold the writer. The
     * operating system may buffer all of these frames, so the server closes the reader that stopped either as a
     * slow consumer or for not answering heartbeats.
     */
    @Test
    void clientThatStopsReadingSmallFramesDoesNotDelayAFastOne() throws Exception {
        int code = slowAndFastConsumers("s".repeat(3_000), 500);
        assertTrue(code == 4500 || code == 4408, "closed with " + code);
    }

    /**
     * A client that stops reading is written no more than the unread limit (256 KiB by default) beyond what it
     * proved to have read by answering pings: its other frames wait in its send queue, which overflows to 4500,
     * instead of the server writing megabytes into the operating system's buffers at the cost of other clients.
     * This client reads its welcome and nothing more, and answers no ping.
     */
    @Test
    void aClientThatStopsReadingIsWrittenNoMoreThanTheUnreadLimitBeforeItIsClosedWith4500() throws Exception {
        String stalledUser = Api.user("stalled");
        String room = roomWithMembers("unread", stalledUser);
        int frameBytes = 8_000;
        String payload = "{\"data\":\"" + "u".repeat(frameBytes) + "\"}";
        try (RawWsClient stalled = RawWsClient.connect(base, stalledUser, 4096)) {
            assertTrue(stalled.readFrame(10_000).text().contains("\"welcome\""));
            // 150 frames of 8 KB, 1.2 MB: more than the limit and the test server's send queue (64 frames)
            // together, less than loopback's socket buffers hold for one stalled connection (about 1.9 MB).
            publishConcurrently(room, payload, 150);
            int messages = 0;
            int closeCode = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (closeCode < 0 && System.nanoTime() < deadline) {
                RawWsClient.Frame frame = stalled.readFrame(30_000);
                if (frame.opcode() == 8) {
                    closeCode = frame.closeCode();
                } else if (frame.opcode() == 1 && frame.text().contains("\"type\":\"message\"")) {
                    messages++;
                }
            }
            assertEquals(4500, closeCode, "the stalled client's close code, after " + messages + " messages");
            assertTrue(messages <= 262_144 / frameBytes, messages + " messages of " + frameBytes
                    + " B were written to a client that read none of them");
        }
    }

    /** Posts {@code count} messages to {@code room} from several threads, as an administrator (no rate limit). */
    private void publishConcurrently(String room, String payload, int count) throws Exception {
        java.util.concurrent.ExecutorService publishers = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // An administrator publishes: trusted, so the user message rate limit does not apply.
                statuses.add(publishers.submit(() -> api.post(ADMIN, "rooms/" + room + "/messages", payload).status()));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertEquals(201, status.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            publishers.shutdownNow();
        }
    }

    /** A new room, created by a user of its own, that {@code members} joined; returns its id. */
    private String roomWithMembers(String prefix, String... members) {
        String room = Api.roomId(prefix);
        api.createRoom(Api.user("owner"), room, "");
        for (String member : members) {
            api.post(member, "rooms/" + room + "/members", "{}");
        }
        return room;
    }

    /** Publishes {@code sent} messages to a fast and a slow reader; returns the slow reader's close code. */
    private int slowAndFastConsumers(String text, int sent) throws Exception {
        String slow = Api.user("slow");
        String fast = Api.user("fast");
        String room = roomWithMembers("pressure", slow, fast);
        String payload = "{\"data\":\"" + text + "\"}";
        try (RawWsClient slowClient = RawWsClient.connect(base, slow, 4096); WsClient fastClient = WsClient.connect(base, fast)) {
            fastClient.next("welcome");
            // Published from several threads so that the slow client's queue fills within its heartbeat time.
            publishConcurrently(room, payload, sent);
            for (long seq = 1; seq <= sent; seq++) {
                assertEquals(seq, fastClient.next("message").getJsonNumber("seq").longValue());
            }
            return slowClient.readUntilClose(30_000);
        }
    }

    /**
     * The server writes a client that answers its pings quickly without a thread hand-off, and beyond a small
     * budget waits for the pong of its last ping. A client that then stops answering pings, but goes on reading,
     * must still get every message: after a heartbeat interval without that pong the server stops waiting.
     */
    @Test
    void clientThatStopsAnsweringPingsButKeepsReadingStillGetsEveryMessage() throws Exception {
        String reader = Api.user("mute-pongs");
        String room = roomWithMembers("unanswered", reader);
        String payload = "{\"data\":\"" + "p".repeat(3_000) + "\"}";
        java.util.concurrent.ExecutorService publisher = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (RawWsClient raw = RawWsClient.connect(base, reader, 256 * 1024)) {
            assertTrue(raw.readFrame(10_000).text().contains("\"welcome\""));
            // First, about 90 KB while every ping is answered at once: the server learns this client answers quickly.
            java.util.concurrent.Future<?> first = publisher.submit(() -> publish(ADMIN, room, payload, 30));
            assertEquals(seqs(1, 30), readMessages(raw, 30, true));
            first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            // Then as much again, with no ping answered.
            java.util.concurrent.Future<?> second = publisher.submit(() -> publish(ADMIN, room, payload, 30));
            assertEquals(seqs(31, 60), readMessages(raw, 30, false));
            second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            publisher.shutdownNow();
        }
    }

    private Void publish(String user, String room, String payload, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(201, api.post(user, "rooms/" + room + "/messages", payload).status());
        }
        return null;
    }

    private static List<Long> seqs(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** The next frame if one comes within 500 ms, else {@code null}; fails if it is a close. */
    private static RawWsClient.Frame openFrameWithin500Ms(RawWsClient raw) throws java.io.IOException {
        RawWsClient.Frame frame;
        try {
            frame = raw.readFrame(500);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        }
        assertTrue(frame.opcode() != 8, "closed: " + frame.describeClose());
        return frame;
    }

    /**
     * Reads until {@code count} messages arrived (or 30 s passed) and returns their seqs; answers pings if told to,
     * and otherwise stays alive by sending a {@code ping} command every second (any frame counts as liveness).
     */
    private static List<Long> readMessages(RawWsClient raw, int count, boolean answerPings) throws Exception {
        List<Long> seqs = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long nextAlive = 0;
        while (seqs.size() < count && System.nanoTime() < deadline) {
            if (!answerPings && System.nanoTime() > nextAlive) {
                raw.sendText("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
                nextAlive = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
            RawWsClient.Frame frame = openFrameWithin500Ms(raw);
            if (frame == null) {
                continue;
            }
            if (frame.opcode() == 9 && answerPings) {
                raw.sendPong(frame.payload());
            } else if (frame.opcode() == 1 && frame.text().contains("\"type\":\"message\"")) {
                seqs.add(jakarta.json.Json.createReader(new java.io.StringReader(frame.text())).readObject()
                        .getJsonNumber("seq").longValue());
            }
        }
        return seqs;
    }

    @Test
    void administratorDisconnectSendsKickedThenCloses4409() {
        String user = Api.user("kicked");
        try (WsClient ws = WsClient.connect(base, user)) {
            ws.next("welcome");
            assertEquals(204, api.post("it-admin", "users/" + user + "/disconnect", "{\"reason\":\"maintenance\"}").status());
            JsonObject system = ws.next("system");
            assertEquals("kicked", system.getString("event"));
            assertEquals("maintenance", system.getString("reason"));
            assertEquals(4409, ws.awaitClose());
        }
        assertEquals(403, api.post(Api.user("nobody"), "users/" + user + "/disconnect", "{}").status());
    }

    @Test
    void aClientsNormalCloseIsAnsweredWithANormalClose() {
        WsClient ws = WsClient.connect(base, Api.user("bye"));
        ws.next("welcome");
        assertEquals(1000, ws.closeNormally(), "the server answers a client's close 1000 with 1000");
    }

    @Test
    void fuzzedFramesGetErrorsWithoutStackTracesAndTheConnectionSurvives() {
        Random random = new Random(42);
        List<String> frames = new ArrayList<>(List.of(
                "", " ", "null", "[]", "[{}]", "\"str\"", "42", "1e400", "{", "{\"type\":", "{\"type\":\"join\",\"room\":",
                "{\"type\":\"join\",\"room\":[1]}", "{\"type\":\"join\",\"room\":{}}", "{\"type\":\"history\",\"room\":\"r\",\"limit\":1e99}",
                "{\"type\":\"history\",\"room\":\"r\",\"limit\":-1}", "{\"type\":\"history\",\"room\":\"r\",\"before\":99999999999999999999999}",
                "{\"type\":\"publish\",\"room\":\"r\"}", "{\"type\":null}", "{\"type\":7,\"ref\":\"x\"}", "{\"type\":\"ping\",\"ref\":5}",
                "{\"type\":\"typing\",\"room\":\"r\",\"active\":\"maybe\"}", "{\"type\":\"\\u0000\"}",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        for (int i = 0; i < 30; i++) {
            byte[] bytes = new byte[random.nextInt(200) + 1];
            random.nextBytes(bytes);
            frames.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        try (WsClient ws = WsClient.connect(base, Api.user("fuzz"))) {
            ws.next("welcome");
            for (String frame : frames) {
                ws.sendText(frame);
                JsonObject answer = ws.next();
                assertEquals("error", answer.getString("type"), () -> "for " + abbreviate(frame) + ": " + answer);
                String message = answer.getString("message");
                assertFalse(message.contains("Exception") || message.contains("\tat ") || message.contains("io.huddle"),
                        () -> "leaked detail for " + abbreviate(frame) + ": " + message);
            }
            ws.sendText("{\"type\":\"ping\"}");
            assertEquals("pong", ws.next().getString("type"));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
