package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.room.Blocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@link Blocks} over JPA, in plain SQL on {@code user_blocks}. A block is inserted only if absent (one statement,
 * so two blocks of the same pair at once store one row). Thread-safe: the injected entity manager is
 * transaction-scoped.
 */
@ApplicationScoped
public class JpaBlocks implements Blocks {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public boolean block(String user, String blocked, Instant now) {
        return em.createNativeQuery("insert into user_blocks (user_id, blocked_id, created_at)"
                        + " select ?1, ?2, ?3 where not exists"
                        + " (select 1 from user_blocks where user_id = ?1 and blocked_id = ?2)")
                .setParameter(1, user).setParameter(2, blocked).setParameter(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    @Override
    public boolean unblock(String user, String blocked) {
        return em.createNativeQuery("delete from user_blocks where user_id = ?1 and blocked_id = ?2")
                .setParameter(1, user).setParameter(2, blocked).executeUpdate() == 1;
    }

    @Override
    public boolean blocks(String user, String other) {
        return !em.createNativeQuery("select 1 from user_blocks where user_id = ?1 and blocked_id = ?2")
                .setParameter(1, user).setParameter(2, other).getResultList().isEmpty();
    }

    @Override
    public List<String> blockedBy(String user) {
        return em.createNativeQuery("select blocked_id from user_blocks where user_id = ?1 order by blocked_id")
                .setParameter(1, user).getResultList().stream().map(String.class::cast).toList();
    }
}
