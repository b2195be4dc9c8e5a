package io.huddle.streaming.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Creates a user's lock row in a transaction of its own, committed at once, so the caller's transaction can
 * then lock it. Two callers creating the same row at once: one insert fails on the primary key, and that failure
 * stays in its own transaction (on PostgreSQL a failed statement would end the caller's). Thread-safe.
 */
@ApplicationScoped
public class UserLockRows {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    /** Inserts the row of {@code user}; fails if it exists (the caller ignores that). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(String user) {
        em.createNativeQuery("insert into user_locks (user_id) values (?1)").setParameter(1, user).executeUpdate();
    }
}
