package io.huddle.streaming.it;

import io.huddle.streaming.domain.message.Appended;
import io.huddle.streaming.domain.message.HistoryPage;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.NewMessage;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.it.support.Deployments;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message history storage inside the running server, on its real database: per-room seqs, idempotency keys
 * and rollbacks.
 */
@ExtendWith(ArquillianExtension.class)
class MessageStoreIT {

    private static final Duration DEDUP = Duration.ofMinutes(10);

    @Deployment
    static WebArchive deployment() {
        return Deployments.huddleWar().addClass(Deployments.class);
    }

    @Test
    void concurrentPublishersGetConsecutiveSeqsWithoutGapsOrDuplicates() throws Exception {
        RoomId room = newRoom();
        int writers = 8;
        int perWriter = 25;
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String user = "writer" + w;
            Callable<List<Long>> task = () -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    String data = "{\"n\":" + i + "}";
                    seqs.add(inTransaction(() -> messages().append(draft(room, user, data, null), DEDUP, true))
                            .message().seq());
                }
                return seqs;
            };
            results.add(executor.submit(task));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            List<Long> seqs = result.get(60, TimeUnit.SECONDS);
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), "one writer's seqs must increase: " + seqs);
            }
            all.addAll(seqs);
        }
        all.sort(Long::compare);
        assertEquals(LongStream.rangeClosed(1, writers * perWriter).boxed().toList(), all);

        HistoryPage page = inTransaction(() -> messages().page(HistoryQuery.latest(room, 200)));
        assertEquals(200, page.messages().size());
        assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(),
                page.messages().stream().map(Message::seq).toList());
        assertEquals(200L, inTransaction(() -> rooms().find(room).orElseThrow().lastSeq()));
    }

    @Test
    void repeatedIdempotencyKeyStoresTheMessageOnce() throws Exception {
        RoomId room = newRoom();
        Appended first = inTransaction(() -> messages().append(draft(room, "alice", "{\"t\":\"hi\"}", "k-1"), DEDUP, true));
        Appended second = inTransaction(() -> messages().append(draft(room, "alice", "{\"t\":\"hi\"}", "k-1"), DEDUP, true));
        Appended otherUser = inTransaction(() -> messages().append(draft(room, "bob", "{\"t\":\"hi\"}", "k-1"), DEDUP, true));

        assertFalse(first.duplicate());
        assertTrue(second.duplicate());
        assertEquals(first.message().id(), second.message().id());
        assertEquals(1L, second.message().seq());
        assertFalse(otherUser.duplicate());
        assertEquals(2L, otherUser.message().seq());
    }

    @Test
    void rolledBackPublishLeavesNoGap() throws Exception {
        RoomId room = newRoom();
        UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
        tx.begin();
        messages().append(draft(room, "alice", "{}", null), DEDUP, true);
        tx.rollback();

        Appended next = inTransaction(() -> messages().append(draft(room, "alice", "{}", null), DEDUP, true));
        assertEquals(1L, next.message().seq());
    }

    @Test
    void historyPagesBackwardsAndForwardsBySeq() throws Exception {
        RoomId room = newRoom();
        for (int i = 1; i <= 5; i++) {
            String data = "{\"n\":" + i + "}";
            inTransaction(() -> messages().append(draft(room, "alice", data, null), DEDUP, true));
        }
        HistoryPage newest = inTransaction(() -> messages().page(HistoryQuery.latest(room, 2)));
        assertEquals(List.of(4L, 5L), newest.messages().stream().map(Message::seq).toList());
        assertTrue(newest.more());

        HistoryPage after = inTransaction(() -> messages().page(new HistoryQuery(room, java.util.OptionalLong.empty(),
                java.util.OptionalLong.of(3), 10, Optional.empty(), Optional.empty())));
        assertEquals(List.of(4L, 5L), after.messages().stream().map(Message::seq).toList());
        assertFalse(after.more());
    }

    private static RoomId newRoom() throws Exception {
        RoomId id = RoomId.of("store-" + UUID.randomUUID().toString().substring(0, 8));
        inTransaction(() -> {
            rooms().add(new Room(id, "Store test", "alice", Instant.now()));
            return null;
        });
        return id;
    }

    private static NewMessage draft(RoomId room, String user, String data, String key) {
        return new NewMessage(room, user, data, Optional.empty(), Optional.empty(), Optional.ofNullable(key));
    }

    private static MessageRepository messages() {
        return CDI.current().select(MessageRepository.class).get();
    }

    private static RoomRepository rooms() {
        return CDI.current().select(RoomRepository.class).get();
    }

    private static <T> T inTransaction(Callable<T> work) throws Exception {
        UserTransaction tx = lookupTransaction();
        tx.begin();
        try {
            T result = work.call();
            tx.commit();
            return result;
        } catch (Exception | Error e) {
            tx.rollback();
            throw e;
        }
    }

    private static UserTransaction lookupTransaction() throws NamingException {
        return InitialContext.doLookup("java:comp/UserTransaction");
    }
}
