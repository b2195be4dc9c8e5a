package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.room.MembershipKey;
import io.huddle.streaming.domain.room.ModerationEntry;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.RoomBan;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomInvite;
import io.huddle.streaming.domain.room.RoomMute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ModerationRepository} over JPA. Thread-safe: the injected entity manager is transaction-scoped.
 */
@ApplicationScoped
public class JpaModerationRepository implements ModerationRepository {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public Optional<RoomBan> ban(RoomId room, String user) {
        return Optional.ofNullable(em.find(RoomBan.class, new MembershipKey(room.value(), user)));
    }

    @Override
    public void putBan(RoomBan ban) {
        ban(ban.room(), ban.user()).ifPresent(earlier -> {
            em.remove(earlier);
            em.flush();
        });
        em.persist(ban);
    }

    @Override
    public boolean removeBan(RoomId room, String user) {
        return ban(room, user).map(ban -> {
            em.remove(ban);
            return true;
        }).orElse(false);
    }

    @Override
    public List<RoomBan> activeBans(RoomId room, Instant now) {
        return em.createQuery("select b from RoomBan b where b.roomId = :room and (b.until is null or b.until > :now)"
                        + " order by b.createdAt desc", RoomBan.class)
                .setParameter("room", room.value())
                .setParameter("now", now)
                .getResultList();
    }

    @Override
    public Optional<RoomMute> mute(RoomId room, String user) {
        return Optional.ofNullable(em.find(RoomMute.class, new MembershipKey(room.value(), user)));
    }

    @Override
    public void putMute(RoomMute mute) {
        mute(mute.room(), mute.user()).ifPresent(earlier -> {
            em.remove(earlier);
            em.flush();
        });
        em.persist(mute);
    }

    @Override
    public boolean removeMute(RoomId room, String user) {
        return mute(room, user).map(mute -> {
            em.remove(mute);
            return true;
        }).orElse(false);
    }

    @Override
    public List<RoomMute> activeMutes(RoomId room, Instant now) {
        return em.createQuery("select m from RoomMute m where m.roomId = :room and (m.until is null or m.until > :now)"
                        + " order by m.createdAt desc", RoomMute.class)
                .setParameter("room", room.value())
                .setParameter("now", now)
                .getResultList();
    }

    @Override
    public void addInvite(RoomInvite invite) {
        em.persist(invite);
    }

    @Override
    public Optional<RoomInvite> inviteForUpdate(String code) {
        return Optional.ofNullable(em.find(RoomInvite.class, code, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<RoomInvite> invites(RoomId room) {
        return em.createQuery("select i from RoomInvite i where i.roomId = :room and i.revokedAt is null"
                        + " order by i.createdAt desc", RoomInvite.class)
                .setParameter("room", room.value())
                .getResultList();
    }

    @Override
    public void log(ModerationEntry entry) {
        em.persist(entry);
    }

    @Override
    public List<ModerationEntry> logOf(RoomId room, Optional<Long> beforeId, int limit) {
        return em.createQuery("select e from ModerationEntry e where e.roomId = :room and e.id < :before"
                        + " order by e.id desc", ModerationEntry.class)
                .setParameter("room", room.value())
                .setParameter("before", beforeId.orElse(Long.MAX_VALUE))
                .setMaxResults(limit)
                .getResultList();
    }

    /** Hibernate's lock timeout that skips rows locked by another transaction ({@code SKIP LOCKED}). */
    private static final int SKIP_LOCKED = -2;

    @Override
    public List<RoomBan> removeExpired(Instant now) {
        // Locked and skipped when locked: when every node of a cluster clears expired bans at once, each ban is
        // removed (and its lifting announced) by one of them, and none fails on a row another deleted. Where the
        // database cannot skip locked rows (H2), the lock waits, and a ban deleted meanwhile is not read again.
        List<RoomBan> expired = em.createQuery("select b from RoomBan b where b.until <= :now", RoomBan.class)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .getResultList();
        expired.forEach(em::remove);
        em.createQuery("delete from RoomMute m where m.until <= :now").setParameter("now", now).executeUpdate();
        return expired;
    }
}
