package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.message.Reactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Reactions} over JPA, in plain SQL on {@code message_reactions}; a page's reactions are one grouped query.
 * Callers hold the message's row lock while adding, so an insert never meets a concurrent twin. Thread-safe: the
 * injected entity manager is transaction-scoped.
 */
@ApplicationScoped
public class JpaReactions implements Reactions {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public boolean add(String room, String messageId, String user, String reaction, Instant now) {
        return em.createNativeQuery("insert into message_reactions (message_id, user_id, reaction, room_id, created_at)"
                        + " select ?1, ?2, ?3, ?4, ?5 where not exists (select 1 from message_reactions"
                        + " where message_id = ?1 and reaction = ?3 and user_id = ?2)")
                .setParameter(1, messageId).setParameter(2, user).setParameter(3, reaction).setParameter(4, room)
                .setParameter(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    @Override
    public boolean remove(String messageId, String user, String reaction) {
        return em.createNativeQuery("delete from message_reactions where message_id = ?1 and reaction = ?2 and user_id = ?3")
                .setParameter(1, messageId).setParameter(2, reaction).setParameter(3, user).executeUpdate() == 1;
    }

    @Override
    public long count(String messageId, String reaction) {
        return ((Number) em.createNativeQuery("select count(*) from message_reactions where message_id = ?1 and reaction = ?2")
                .setParameter(1, messageId).setParameter(2, reaction).getSingleResult()).longValue();
    }

    @Override
    public long distinct(String messageId) {
        return ((Number) em.createNativeQuery("select count(distinct reaction) from message_reactions where message_id = ?1")
                .setParameter(1, messageId).getSingleResult()).longValue();
    }

    @Override
    public Map<String, List<Count>> of(Collection<String> messageIds, String viewer) {
        Map<String, List<Count>> byMessage = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        List<?> rows = em.createNativeQuery("select message_id, reaction, count(*),"
                        + " sum(case when user_id = :viewer then 1 else 0 end), min(created_at) as first"
                        + " from message_reactions where message_id in (:ids)"
                        + " group by message_id, reaction order by message_id, first, reaction")
                .setParameter("viewer", viewer).setParameter("ids", messageIds).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            byMessage.computeIfAbsent((String) r[0], id -> new ArrayList<>())
                    .add(new Count((String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue() > 0));
        }
        return byMessage;
    }
}
