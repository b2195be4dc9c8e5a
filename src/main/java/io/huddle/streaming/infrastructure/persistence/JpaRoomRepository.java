package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.room.MembershipKey;
import io.huddle.streaming.domain.room.PublishStanding;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomExistsException;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.domain.room.RoomSearch;
import io.huddle.streaming.domain.room.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link RoomRepository} over JPA. Thread-safe: the injected entity manager is transaction-scoped.
 */
@ApplicationScoped
public class JpaRoomRepository implements RoomRepository {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public void add(Room room) {
        if (em.find(Room.class, room.id().value()) != null) {
            throw new RoomExistsException(room.id());
        }
        em.persist(room);
    }

    @Override
    public Optional<Room> find(RoomId id) {
        return Optional.ofNullable(em.find(Room.class, id.value()));
    }

    @Override
    public Optional<Room> findForUpdate(RoomId id) {
        return findLocked(id, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public Optional<Room> findForShare(RoomId id) {
        // PostgreSQL: "for share"; H2, which has no share mode, "for update" (Hibernate's read lock there).
        return findLocked(id, LockModeType.PESSIMISTIC_READ);
    }

    /** The room locked in {@code mode}, its state read afresh (it may have been loaded before the lock). */
    private Optional<Room> findLocked(RoomId id, LockModeType mode) {
        Room room = em.find(Room.class, id.value(), mode);
        if (room != null) {
            em.refresh(room, mode);
        }
        return Optional.ofNullable(room);
    }

    @Override
    public List<Room> roomsOf(String user) {
        return em.createQuery("select r from Room r where r.id in"
                        + " (select m.roomId from RoomMember m where m.userId = :user) order by r.id", Room.class)
                .setParameter("user", user)
                .getResultList();
    }

    @Override
    public void remove(Room room) {
        // Rows that reference the room go with it (ON DELETE CASCADE); clear them from this context too.
        em.flush();
        em.remove(room);
        em.flush();
        em.clear();
    }

    @Override
    public List<Room> list(Optional<RoomId> afterId, int limit, boolean includeArchived, Optional<String> visibleTo) {
        String jpql = "select r from Room r where r.id > :after"
                + (includeArchived ? "" : " and r.archivedAt is null")
                + (visibleTo.isEmpty() ? "" : " and (r.privateRoom = false or r.id in"
                        + " (select m.roomId from RoomMember m where m.userId = :viewer))")
                + " order by r.id";
        TypedQuery<Room> query = em.createQuery(jpql, Room.class)
                .setParameter("after", afterId.map(RoomId::value).orElse(""));
        visibleTo.ifPresent(viewer -> query.setParameter("viewer", viewer));
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public List<Listed> discover(RoomSearch search, Optional<RoomId> afterId, int limit, boolean includeArchived,
                                 Optional<String> visibleTo) {
        StringBuilder jpql = new StringBuilder("select r, (select count(m) from RoomMember m where m.roomId = r.id)"
                + " from Room r where r.id > :after");
        if (!includeArchived) {
            jpql.append(" and r.archivedAt is null");
        }
        visibleTo.ifPresent(viewer -> jpql.append(" and (r.privateRoom = false or r.id in"
                + " (select v.roomId from RoomMember v where v.userId = :viewer))"));
        search.text().ifPresent(text -> jpql.append(" and (lower(r.name) like :text escape '!'"
                + " or lower(r.description) like :text escape '!')"));
        search.tag().ifPresent(tag -> jpql.append(" and r.tags like :tag"));
        search.category().ifPresent(category -> jpql.append(" and r.category = :category"));
        jpql.append(" order by r.id");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("after", afterId.map(RoomId::value).orElse(""));
        visibleTo.ifPresent(viewer -> query.setParameter("viewer", viewer));
        search.text().ifPresent(text -> query.setParameter("text", "%" + likeEscaped(text.toLowerCase(Locale.ROOT)) + "%"));
        search.tag().ifPresent(tag -> query.setParameter("tag", "% " + likeEscaped(tag) + " %"));
        search.category().ifPresent(category -> query.setParameter("category", category));
        return query.setMaxResults(limit).getResultStream()
                .map(row -> new Listed((Room) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    /** {@code text} with like's wildcards (and the escape character '!') taken literally. */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public List<Direct> directsOf(String user, int limit) {
        return em.createQuery("select r, msg from Room r left join Message msg on msg.roomId = r.id and msg.seq = r.lastSeq"
                        + " where (r.dmFirst = :user or r.dmSecond = :user)"
                        + " and r.id in (select m.roomId from RoomMember m where m.userId = :user)"
                        + " order by coalesce(msg.createdAt, r.createdAt) desc, r.id", Object[].class)
                .setParameter("user", user)
                .setMaxResults(limit)
                .getResultStream()
                .map(row -> new Direct((Room) row[0], Optional.ofNullable((Message) row[1])))
                .toList();
    }

    @Override
    public Optional<RoomMember> member(RoomId room, String user) {
        return Optional.ofNullable(em.find(RoomMember.class, new MembershipKey(room.value(), user)));
    }

    @Override
    public Optional<PublishStanding> standing(RoomId room, String user) {
        // Plain SQL over scalars: no entity enters the persistence context, so the commit has nothing to check.
        List<?> rows = em.createNativeQuery("select case when r.archived_at is null then 0 else 1 end, m.role,"
                        + " case when mu.user_id is null then 0 else 1 end, mu.until,"
                        + " case when r.locked then 1 else 0 end, r.slow_mode_ms,"
                        // Only a direct conversation asks for blocks: dm_first is null in every other room.
                        + " case when r.dm_first is not null and exists (select 1 from user_blocks b where"
                        + " (b.user_id = r.dm_first and b.blocked_id = r.dm_second)"
                        + " or (b.user_id = r.dm_second and b.blocked_id = r.dm_first)) then 1 else 0 end"
                        + " from rooms r"
                        + " left join room_members m on m.room_id = r.id and m.user_id = ?2"
                        + " left join room_mutes mu on mu.room_id = r.id and mu.user_id = ?2"
                        + " where r.id = ?1")
                .setParameter(1, room.value())
                .setParameter(2, user)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new PublishStanding(flag(row[0]), Optional.ofNullable((String) row[1]).map(Role::valueOf),
                flag(row[2]), Optional.ofNullable(instant(row[3])), flag(row[4]), ((Number) row[5]).intValue(),
                flag(row[6])));
    }

    @Override
    public Optional<Instant> claimPost(RoomId room, String user, Duration interval, Instant now) {
        int claimed = em.createNativeQuery("update room_members set last_posted_at = ?3"
                        + " where room_id = ?1 and user_id = ?2 and (last_posted_at is null or last_posted_at <= ?4)")
                .setParameter(1, room.value())
                .setParameter(2, user)
                .setParameter(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter(4, OffsetDateTime.ofInstant(now.minus(interval), ZoneOffset.UTC))
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        List<?> last = em.createNativeQuery("select last_posted_at from room_members where room_id = ?1 and user_id = ?2")
                .setParameter(1, room.value())
                .setParameter(2, user)
                .getResultList();
        // A membership gone meanwhile has no post to wait for; the publish's own checks decide what it gets.
        return last.isEmpty() || last.get(0) == null ? Optional.empty() : Optional.of(instant(last.get(0)));
    }

    private static boolean flag(Object value) {
        return ((Number) value).intValue() != 0;
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected time value from the database: " + value.getClass().getName());
    }

    @Override
    public void addMember(RoomMember member) {
        em.persist(member);
    }

    @Override
    public void removeMember(RoomMember member) {
        em.remove(member);
    }

    @Override
    public List<RoomMember> members(RoomId room) {
        TypedQuery<RoomMember> query = em.createQuery(
                "select m from RoomMember m where m.roomId = :room", RoomMember.class);
        return query.setParameter("room", room.value()).getResultList().stream()
                .sorted(Comparator.comparing(RoomMember::role).thenComparing(RoomMember::user))
                .toList();
    }

    @Override
    public long countMembers(RoomId room) {
        return em.createQuery("select count(m) from RoomMember m where m.roomId = :room", Long.class)
                .setParameter("room", room.value())
                .getSingleResult();
    }

    @Override
    public long countRooms() {
        return em.createQuery("select count(r) from Room r", Long.class).getSingleResult();
    }

    @Override
    public List<String> roomIdsOf(String user) {
        return em.createQuery("select m.roomId from RoomMember m where m.userId = :user order by m.roomId", String.class)
                .setParameter("user", user)
                .getResultList();
    }

    @Override
    public long countRoomsOf(String user) {
        return em.createQuery("select count(m) from RoomMember m where m.userId = :user and m.roomId not in"
                        + " (select r.id from Room r where r.dmFirst is not null and (r.dmFirst = :user or r.dmSecond = :user))",
                        Long.class)
                .setParameter("user", user)
                .getSingleResult();
    }

    /**
     * Locks the user's row, creating it first in the same transaction if it is missing. {@code on conflict do
     * nothing} waits for a concurrent insert of the same row and then does nothing (PostgreSQL, and H2 in its
     * PostgreSQL mode), so no second connection is needed: creating the row in a transaction of its own while this
     * one held a room's lock starved the pool when 20 new users joined one room at once, each holding a connection
     * while waiting for that lock (every join then waited 10 s and failed).
     */
    @Override
    public void lockUser(String user) {
        lockRow("user_locks", "user_id", user);
    }

    /** Like {@link #lockUser}: the row is created in this transaction if it is missing. */
    @Override
    public void lockJoins(RoomId id) {
        lockRow("room_join_locks", "room_id", id.value());
    }

    private void lockRow(String table, String column, String key) {
        if (selectForUpdate(table, column, key)) {
            return;
        }
        em.createNativeQuery("insert into " + table + " (" + column + ") values (?1) on conflict do nothing")
                .setParameter(1, key).executeUpdate();
        if (!selectForUpdate(table, column, key)) {
            throw new IllegalStateException("the lock row " + key + " of " + table + " could not be created");
        }
    }

    private boolean selectForUpdate(String table, String column, String key) {
        return !em.createNativeQuery("select " + column + " from " + table + " where " + column + " = ?1 for update")
                .setParameter(1, key).getResultList().isEmpty();
    }
}
