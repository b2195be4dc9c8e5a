package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.room.MembershipKey;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomExistsException;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.Comparator;
import java.util.List;
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
        Room room = em.find(Room.class, id.value(), LockModeType.PESSIMISTIC_WRITE);
        if (room != null) {
            em.refresh(room, LockModeType.PESSIMISTIC_WRITE);
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
    public List<Room> list(Optional<RoomId> afterId, int limit, boolean includeArchived) {
        String jpql = "select r from Room r where r.id > :after"
                + (includeArchived ? "" : " and r.archivedAt is null")
                + " order by r.id";
        return em.createQuery(jpql, Room.class)
                .setParameter("after", afterId.map(RoomId::value).orElse(""))
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public Optional<RoomMember> member(RoomId room, String user) {
        return Optional.ofNullable(em.find(RoomMember.class, new MembershipKey(room.value(), user)));
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
    public long countRoomsOf(String user) {
        return em.createQuery("select count(m) from RoomMember m where m.userId = :user", Long.class)
                .setParameter("user", user)
                .getSingleResult();
    }
}
