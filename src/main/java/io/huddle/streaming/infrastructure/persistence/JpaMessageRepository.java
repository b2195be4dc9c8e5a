package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.message.Appended;
import io.huddle.streaming.domain.message.HistoryPage;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.MessageIds;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.NewMessage;
import io.huddle.streaming.domain.room.ReadMarkers;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MessageRepository} over JPA. A room's seqs are allocated by adding to {@code rooms.last_seq} in the
 * caller's transaction, one statement for a whole batch: the row lock that update takes serializes appends to one
 * room until commit, and a rollback gives the numbers back, so seqs stay gap-free on every database. On PostgreSQL and H2 one statement
 * both increments and returns the number ({@code returning}, {@code final table}); elsewhere an update and a
 * select do it. Thread-safe.
 */
@ApplicationScoped
public class JpaMessageRepository implements MessageRepository {

    /** The table the seq statements touch (their query space, see {@link #addToSeq}). */
    private static final String ROOMS = "rooms";

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Inject
    ReadMarkers readMarkers;

    private final Clock clock = Clock.systemUTC();
    /** The statement that increments a room's last seq and returns it, or "" where the database has none. */
    private volatile String nextSeqStatement;
    private volatile String productName;

    @Override
    public List<Appended> appendAll(RoomId room, List<NewMessage> drafts, Duration dedupWindow, boolean keep) {
        for (NewMessage draft : drafts) {
            if (!draft.room().equals(room)) {
                throw new IllegalArgumentException("a draft of room '" + draft.room() + "' among those of '" + room + "'");
            }
        }
        // Take every number first: the row lock this takes is what makes the key checks below race-free.
        long seq = addToSeq(room, drafts.size()) - drafts.size();
        Instant now = clock.instant();
        Appended[] outcomes = new Appended[drafts.size()];
        Map<String, Message> keyed = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < drafts.size(); i++) {
            NewMessage draft = drafts.get(i);
            Optional<Message> earlier = keep ? earlier(draft, now.minus(dedupWindow), keyed) : Optional.empty();
            if (earlier.isPresent()) {
                outcomes[i] = new Appended(earlier.get(), true);
                repeats++;
                continue;
            }
            Message message = Message.stored(MessageIds.next(), draft, ++seq, now);
            draft.idempotencyKey().ifPresent(key -> keyed.put(draft.user() + '\n' + key, message));
            outcomes[i] = new Appended(message, false);
        }
        if (repeats > 0) {
            // Still under the row lock: hand back the numbers repeats did not use before anyone can see them.
            addToSeq(room, -repeats);
        }
        if (keep) {
            for (Appended outcome : outcomes) {
                if (!outcome.duplicate()) {
                    em.persist(outcome.message());
                }
            }
        }
        for (int i = 0; i < drafts.size(); i++) {
            if (!outcomes[i].duplicate() && !drafts.get(i).mentions().isEmpty()) {
                // After the inserts above: the statement flushes them, still as one batch.
                readMarkers.mention(room, outcomes[i].message().seq(), drafts.get(i).mentions());
            }
        }
        return List.of(outcomes);
    }

    /** The message {@code draft} repeats: one of this batch with the same user and key, or one stored since then. */
    private Optional<Message> earlier(NewMessage draft, Instant since, Map<String, Message> keyed) {
        if (draft.idempotencyKey().isEmpty()) {
            return Optional.empty();
        }
        Message inBatch = keyed.get(draft.user() + '\n' + draft.idempotencyKey().get());
        return inBatch != null ? Optional.of(inBatch) : repeatOf(draft, since);
    }

    /**
     * Adds {@code delta} to {@code room}'s last seq (taking its row lock until commit) and returns the new value.
     * The statements name {@code rooms} as all they touch, so Hibernate does not flush the messages waiting to be
     * inserted before each (it flushes everything before a native statement that does not say): a batch of
     * publishes into many rooms then inserts its messages in JDBC batches at commit, instead of one flush of one
     * room's inserts before the next room's seq.
     */
    private long addToSeq(RoomId roomId, int delta) {
        String room = roomId.value();
        String statement = nextSeqStatement();
        if (!statement.isEmpty()) {
            // The column's type declared: Hibernate need not ask the driver for the result's metadata each time.
            List<?> next = em.createNativeQuery(statement).unwrap(NativeQuery.class)
                    .addSynchronizedQuerySpace(ROOMS)
                    .addScalar("last_seq", Long.class)
                    .setParameter(1, delta)
                    .setParameter(2, room)
                    .getResultList();
            if (next.isEmpty()) {
                throw new RoomNotFoundException(roomId);
            }
            return ((Number) next.get(0)).longValue();
        }
        // Plain SQL: a bulk JPQL update is translated anew on every execution, a native statement is not.
        int updated = em.createNativeQuery("update rooms set last_seq = last_seq + ?1 where id = ?2")
                .unwrap(NativeQuery.class)
                .addSynchronizedQuerySpace(ROOMS)
                .setParameter(1, delta)
                .setParameter(2, room)
                .executeUpdate();
        if (updated == 0) {
            throw new RoomNotFoundException(roomId);
        }
        return ((Number) em.createNativeQuery("select last_seq from rooms where id = ?1")
                .unwrap(NativeQuery.class)
                .addSynchronizedQuerySpace(ROOMS)
                .setParameter(1, room)
                .getSingleResult()).longValue();
    }

    private String nextSeqStatement() {
        String statement = nextSeqStatement;
        if (statement == null) {
            String product = product();
            if (product.contains("postgresql")) {
                statement = "update rooms set last_seq = last_seq + ?1 where id = ?2 returning last_seq";
            } else if (product.equals("h2")) {
                statement = "select last_seq from final table (update rooms set last_seq = last_seq + ?1 where id = ?2)";
            } else {
                statement = "";
            }
            nextSeqStatement = statement;
        }
        return statement;
    }

    /** The database's product name, lowercased (asked once). */
    private String product() {
        String name = productName;
        if (name == null) {
            name = em.unwrap(Session.class)
                    .doReturningWork(connection -> connection.getMetaData().getDatabaseProductName())
                    .toLowerCase(Locale.ROOT);
            productName = name;
        }
        return name;
    }

    private boolean isPostgresql() {
        return product().contains("postgresql");
    }

    @Override
    public Optional<Message> repeatOf(NewMessage draft, Instant since) {
        if (draft.idempotencyKey().isEmpty()) {
            return Optional.empty();
        }
        return em.createQuery("select m from Message m where m.roomId = :room and m.userId = :user"
                        + " and m.idempotencyKey = :key and m.createdAt >= :since", Message.class)
                .setParameter("room", draft.room().value())
                .setParameter("user", draft.user())
                .setParameter("key", draft.idempotencyKey().orElseThrow())
                .setParameter("since", since)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Message> find(RoomId room, String id) {
        return Optional.ofNullable(em.find(Message.class, id))
                .filter(message -> message.room().equals(room));
    }

    @Override
    public Optional<Message> findForUpdate(RoomId room, String id) {
        return Optional.ofNullable(em.find(Message.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(message -> message.room().equals(room));
    }

    @Override
    public HistoryPage page(HistoryQuery query) {
        boolean forward = query.after().isPresent();
        List<Message> rows = new ArrayList<>(query.text().isPresent()
                ? MessageSearch.page(em, isPostgresql(), query, query.limit() + 1)
                : plainPage(query, forward));
        boolean more = rows.size() > query.limit();
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (!forward) {
            Collections.reverse(rows);
        }
        return new HistoryPage(rows, more);
    }

    private List<Message> plainPage(HistoryQuery query, boolean forward) {
        StringBuilder jpql = new StringBuilder("select m from Message m where m.roomId = :room");
        query.after().ifPresent(after -> jpql.append(" and m.seq > :after"));
        query.before().ifPresent(before -> jpql.append(" and m.seq < :before"));
        query.thread().ifPresent(thread -> jpql.append(" and m.threadId = :thread"));
        query.author().ifPresent(author -> jpql.append(" and m.userId = :author"));
        jpql.append(forward ? " order by m.seq asc" : " order by m.seq desc");
        TypedQuery<Message> q = em.createQuery(jpql.toString(), Message.class)
                .setParameter("room", query.room().value());
        query.after().ifPresent(after -> q.setParameter("after", after));
        query.before().ifPresent(before -> q.setParameter("before", before));
        query.thread().ifPresent(thread -> q.setParameter("thread", thread));
        query.author().ifPresent(author -> q.setParameter("author", author));
        return q.setMaxResults(query.limit() + 1).getResultList();
    }

    @Override
    public long deleteCreatedBefore(Instant cutoff) {
        return em.createQuery("delete from Message m where m.createdAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    @Override
    public List<RoomId> roomsOver(long max) {
        return em.createQuery("select m.roomId from Message m group by m.roomId having count(m) > :max", String.class)
                .setParameter("max", max)
                .getResultList().stream().map(RoomId::of).toList();
    }

    @Override
    public long trim(RoomId room, long keep) {
        List<Long> boundary = em.createQuery(
                        "select m.seq from Message m where m.roomId = :room order by m.seq desc", Long.class)
                .setParameter("room", room.value())
                .setFirstResult((int) Math.min(keep, Integer.MAX_VALUE))
                .setMaxResults(1)
                .getResultList();
        if (boundary.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from Message m where m.roomId = :room and m.seq <= :seq")
                .setParameter("room", room.value())
                .setParameter("seq", boundary.get(0))
                .executeUpdate();
    }
}
