package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.ConfiguredDeployments;
import io.huddle.streaming.it.support.WordFilter;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishes sent over WebSocket without waiting for their answers (pipelined), from one connection and from
 * several: they share transactions, yet each is checked, numbered, deduplicated and answered on its own, in the
 * order it was sent, and only once stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GroupCommitIT {

    private static final String ADMIN = "it-admin";
    /**
     * Publishes a test client keeps unanswered. Each stored message also comes back to the publisher's connections
     * (members get every message of the room), and the test server's send queues hold 64 frames: a deeper window
     * would have a burst of copies and answers overflow them (the server then closes with 4500, as it should).
     */
    private static final int WINDOW = 16;

    /**
     * The WAR as built, with a burst allowance for the pipelines below (the server's sustained rate stays 10/s) and a
     * message filter that rejects "forbidden" and breaks its transaction on "db-failure".
     */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return ConfiguredDeployments.huddleWarWith("streaming.limits.messages-burst=2000").addClass(WordFilter.class);
    }

    @ArquillianResource
    URL base;

    Api api;
    String alice;
    String room;

    @BeforeEach
    void roomOwnedByAlice() {
        api = new Api(base);
        alice = Api.user("alice");
        room = Api.roomId("batch");
        api.createRoom(alice, room, "");
    }

    @Test
    void pipelinedPublishesOfOneConnectionAreAnsweredInOrderWithConsecutiveSeqsAndDeliveredInOrder() {
        String bob = Api.user("bob");
        try (WsClient publisher = open(alice); WsClient reader = open(bob)) {
            assertEquals("ack", reader.command(join(room)).getString("type"));
            int count = 200;
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                commands.add(publish("p" + i, "{\"n\":" + i + "}"));
            }
            List<JsonObject> answers = publisher.pipeline(commands, "p", WINDOW);
            for (int i = 0; i < count; i++) {
                JsonObject answer = answers.get(i);
                assertEquals("p" + i, answer.getString("ref"), "answers come in the order of the commands");
                assertEquals("ack", answer.getString("type"), answer::toString);
                assertEquals(i + 1, answer.getJsonNumber("seq").longValue(), answer::toString);
            }
            for (int i = 0; i < count; i++) {
                JsonObject message = reader.next("message");
                assertEquals(i + 1, message.getJsonNumber("seq").longValue(), message::toString);
                assertEquals(i, message.getJsonObject("data").getInt("n"));
                assertEquals(answers.get(i).getString("id"), message.getString("id"));
            }
        }
    }

    @Test
    void concurrentPublishersShareTransactionsAndEveryAcknowledgedMessageIsInHistoryOnce() throws Exception {
        JsonObject before = node();
        int publishers = 5;
        int each = 100;
        List<String> users = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            String user = Api.user("pub" + p);
            users.add(user);
            assertEquals(201, api.post(alice, "rooms/" + room + "/members", "{\"user\":\"" + user + "\"}").status());
        }
        List<CompletableFuture<List<JsonObject>>> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        for (String user : users) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try (WsClient client = open(user)) {
                    List<String> commands = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        commands.add(publish("m" + i, "{\"user\":\"" + user + "\",\"n\":" + i + "}"));
                    }
                    try {
                        // Each connection also gets the others' messages: 5 windows of 8 and 8 answers fit its queue.
                        return client.pipeline(commands, "m", WINDOW / 2);
                    } catch (AssertionError e) {
                        throw new AssertionError(user + ": " + e.getMessage() + (client.isClosed()
                                ? "; the server closed the connection with " + client.awaitClose() : ""), e);
                    }
                }
            }, pool));
        }
        Map<Long, String> idBySeq = new HashMap<>();
        pool.shutdown();
        for (CompletableFuture<List<JsonObject>> run : runs) {
            long previous = 0;
            List<JsonObject> answers = run.get(60, TimeUnit.SECONDS);
            for (int i = 0; i < each; i++) {
                JsonObject ack = answers.get(i);
                assertEquals("ack", ack.getString("type"), ack::toString);
                assertEquals("m" + i, ack.getString("ref"));
                long seq = ack.getJsonNumber("seq").longValue();
                assertTrue(seq > previous, "one connection's publishes are numbered in the order sent: " + answers);
                previous = seq;
                assertEquals(null, idBySeq.put(seq, ack.getString("id")), "seq " + seq + " was given twice");
            }
        }
        int total = publishers * each;
        Map<Long, String> stored = history(total);
        assertEquals(total, stored.size());
        for (long seq = 1; seq <= total; seq++) {
            assertEquals(idBySeq.get(seq), stored.get(seq), "history at seq " + seq + " holds the acknowledged message");
        }
        JsonObject after = node();
        long transactions = count(after, "transactions") - count(before, "transactions");
        long messages = count(after, "messages") - count(before, "messages");
        assertTrue(messages >= total, "the writers stored at least the " + total + " publishes: " + messages);
        assertTrue(transactions < messages, "publishes shared transactions: " + transactions + " for " + messages);
    }

    @Test
    void aRejectedPublishFailsAloneAndTakesNoSeqFromTheOthersOfItsBatch() {
        try (WsClient publisher = open(alice)) {
            int count = 60;
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String data = i % 3 == 1 ? "{\"text\":\"forbidden " + i + "\"}" : "{\"n\":" + i + "}";
                String text = i % 10 == 5
                        ? "{\"type\":\"publish\",\"room\":\"" + room + "\",\"ref\":\"r" + i + "\",\"thread\":\"no-such-message\",\"data\":{\"n\":" + i + "}}"
                        : publish("r" + i, data);
                commands.add(text);
            }
            List<JsonObject> answers = publisher.pipeline(commands, "r", WINDOW);
            long expectedSeq = 1;
            for (int i = 0; i < count; i++) {
                JsonObject answer = answers.get(i);
                assertEquals("r" + i, answer.getString("ref"));
                if (i % 10 == 5) {
                    assertEquals("error", answer.getString("type"), answer::toString);
                    assertEquals("not_found", answer.getString("code"), answer::toString);
                } else if (i % 3 == 1) {
                    assertEquals("error", answer.getString("type"), answer::toString);
                    assertEquals("forbidden", answer.getString("code"), answer::toString);
                } else {
                    assertEquals("ack", answer.getString("type"), answer::toString);
                    assertEquals(expectedSeq++, answer.getJsonNumber("seq").longValue(), answer::toString);
                }
            }
            assertEquals(expectedSeq - 1, history(count).size(), "only the accepted publishes are stored");
        }
    }

    @Test
    void aPublishThatBreaksItsSharedTransactionFailsAloneAndItsBatchMatesAreStored() {
        long retriedBefore = count(node(), "retried");
        long expectedSeq = 1;
        try (WsClient publisher = open(alice)) {
            // The breaking publish must share a transaction at least once: a few rounds make that all but certain.
            for (int round = 0; round < 5 && count(node(), "retried") == retriedBefore; round++) {
                int count = 41;
                List<String> commands = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String data = i == 20 ? "{\"text\":\"db-failure\"}" : "{\"round\":" + round + ",\"n\":" + i + "}";
                    commands.add(publish("x" + round + "-" + i, data));
                }
                List<JsonObject> answers = publisher.pipeline(commands, "x" + round + "-", WINDOW);
                for (int i = 0; i < count; i++) {
                    JsonObject answer = answers.get(i);
                    assertEquals("x" + round + "-" + i, answer.getString("ref"));
                    if (i == 20) {
                        assertEquals("error", answer.getString("type"), answer::toString);
                        assertEquals("internal", answer.getString("code"), answer::toString);
                    } else {
                        assertEquals("ack", answer.getString("type"), answer::toString);
                        assertEquals(expectedSeq++, answer.getJsonNumber("seq").longValue(), answer::toString);
                    }
                }
            }
        }
        assertTrue(count(node(), "retried") > retriedBefore, "a shared transaction failed and was stored one by one");
        assertEquals(expectedSeq - 1, history(500).size());
    }

    @Test
    void theSameKeyTwiceInOnePipelineIsStoredOnceAndBothAnswersNameIt() {
        try (WsClient publisher = open(alice)) {
            publisher.sendText(publish("k0", "{\"n\":0}"));
            String keyed = "{\"type\":\"publish\",\"room\":\"" + room + "\",\"ref\":\"%s\",\"key\":\"once\",\"data\":{\"n\":1}}";
            publisher.sendText(String.format(keyed, "k1"));
            publisher.sendText(String.format(keyed, "k2"));
            publisher.sendText(publish("k3", "{\"n\":3}"));
            List<JsonObject> answers = publisher.answers("k", 4);
            answers.forEach(a -> assertEquals("ack", a.getString("type"), a::toString));
            assertEquals(1, answers.get(0).getJsonNumber("seq").longValue());
            assertEquals(2, answers.get(1).getJsonNumber("seq").longValue());
            assertEquals(answers.get(1).getString("id"), answers.get(2).getString("id"), "the repeat names the first");
            assertEquals(2, answers.get(2).getJsonNumber("seq").longValue());
            assertEquals(3, answers.get(3).getJsonNumber("seq").longValue(), "the repeat took no seq");
            assertNotEquals(answers.get(1).getString("id"), answers.get(3).getString("id"));
            assertEquals(3, history(10).size());
        }
    }

    @Test
    void aCommandSentAfterPipelinedPublishesSeesThemStored() {
        try (WsClient publisher = open(alice)) {
            int count = WINDOW - 1;
            for (int i = 0; i < count; i++) {
                publisher.sendText(publish("h" + i, "{\"n\":" + i + "}"));
            }
            publisher.sendText("{\"type\":\"history\",\"room\":\"" + room + "\",\"ref\":\"h-history\",\"limit\":100}");
            List<JsonObject> answers = publisher.answers("h", count + 1);
            JsonObject page = answers.get(count);
            assertEquals("h-history", page.getString("ref"), "the history answer comes after the publishes'");
            JsonArray messages = page.getJsonArray("messages");
            assertEquals(count, messages.size(), page::toString);
            for (int i = 0; i < count; i++) {
                assertEquals(i + 1, messages.getJsonObject(i).getJsonNumber("seq").longValue());
            }
        }
    }

    /** Every message of the room by seq, read over REST (at most {@code max}). */
    private Map<Long, String> history(int max) {
        Map<Long, String> bySeq = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        long after = 0;
        while (bySeq.size() < max) {
            Api.Reply reply = api.get(alice, "rooms/" + room + "/messages?limit=200&after=" + after);
            assertEquals(200, reply.status(), reply::toString);
            JsonArray page = reply.json().getJsonArray("messages");
            for (int i = 0; i < page.size(); i++) {
                JsonObject m = page.getJsonObject(i);
                long seq = m.getJsonNumber("seq").longValue();
                assertTrue(seen.add(seq), "seq " + seq + " is in history twice");
                bySeq.put(seq, m.getString("id"));
                after = seq;
            }
            if (!reply.json().getBoolean("more")) {
                break;
            }
        }
        return bySeq;
    }

    private JsonObject node() {
        Api.Reply reply = api.get(ADMIN, "node");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonObject("groupCommit");
    }

    private static long count(JsonObject groupCommit, String name) {
        return groupCommit.getJsonNumber(name).longValue();
    }

    private String publish(String ref, String data) {
        return "{\"type\":\"publish\",\"room\":\"" + room + "\",\"ref\":\"" + ref + "\",\"data\":" + data + "}";
    }

    private WsClient open(String user) {
        WsClient client = WsClient.connect(base, user);
        client.next("welcome");
        return client;
    }

    private static String join(String room) {
        return "{\"type\":\"join\",\"room\":\"" + room + "\"}";
    }
}
