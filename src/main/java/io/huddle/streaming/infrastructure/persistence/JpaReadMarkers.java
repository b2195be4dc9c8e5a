package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.room.ReadMarkers;
import io.huddle.streaming.domain.room.RoomId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReadMarkers} over JPA, in plain SQL: a marker moves by a conditional update of the membership row (never
 * backwards, whatever order concurrent calls commit in), and a user's unread counts are one query over their
 * memberships, each joined to its room's latest seq and to an index range of the mentions after the marker.
 * Thread-safe: the injected entity manager is transaction-scoped.
 */
@ApplicationScoped
public class JpaReadMarkers implements ReadMarkers {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public Optional<Marked> markRead(RoomId room, String user, long seq) {
        List<?> last = em.createNativeQuery("select last_seq from rooms where id = ?1")
                .setParameter(1, room.value()).getResultList();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        long target = Math.min(seq, ((Number) last.get(0)).longValue());
        int moved = em.createNativeQuery("update room_members set read_seq = ?1"
                        + " where room_id = ?2 and user_id = ?3 and read_seq < ?1")
                .setParameter(1, target).setParameter(2, room.value()).setParameter(3, user)
                .executeUpdate();
        List<?> now = em.createNativeQuery("select read_seq from room_members where room_id = ?1 and user_id = ?2")
                .setParameter(1, room.value()).setParameter(2, user).getResultList();
        return now.stream().findFirst().map(marker -> new Marked(((Number) marker).longValue(), moved > 0));
    }

    @Override
    public List<Unread> unread(String user) {
        List<?> rows = em.createNativeQuery("select m.room_id, r.last_seq, m.read_seq,"
                        + " (select count(*) from room_mentions x where x.user_id = m.user_id and x.room_id = m.room_id"
                        + " and x.seq > m.read_seq)"
                        + " from room_members m join rooms r on r.id = m.room_id where m.user_id = ?1 order by m.room_id")
                .setParameter(1, user).getResultList();
        return rows.stream().map(row -> {
            Object[] r = (Object[]) row;
            return new Unread(RoomId.of((String) r[0]), ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue());
        }).toList();
    }

    @Override
    public void mention(RoomId room, long seq, Collection<String> users) {
        if (users.isEmpty()) {
            return;
        }
        em.createNativeQuery("insert into room_mentions (user_id, room_id, seq)"
                        + " select user_id, room_id, :seq from room_members where room_id = :room and user_id in (:users)")
                .setParameter("seq", seq).setParameter("room", room.value()).setParameter("users", users)
                .executeUpdate();
    }
}
