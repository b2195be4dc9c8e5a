package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.Pin;
import io.huddle.streaming.domain.message.PinRepository;
import io.huddle.streaming.domain.room.RoomId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/**
 * {@link PinRepository} over JPA. Thread-safe: the injected entity manager is transaction-scoped.
 */
@ApplicationScoped
public class JpaPinRepository implements PinRepository {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public Optional<Pin> find(RoomId room, String messageId) {
        return Optional.ofNullable(em.find(Pin.class, messageId)).filter(pin -> pin.room().equals(room));
    }

    @Override
    public void add(Pin pin) {
        em.persist(pin);
    }

    @Override
    public boolean remove(RoomId room, String messageId) {
        return find(room, messageId).map(pin -> {
            em.remove(pin);
            return true;
        }).orElse(false);
    }

    @Override
    public long count(RoomId room) {
        return em.createQuery("select count(p) from Pin p where p.roomId = :room", Long.class)
                .setParameter("room", room.value())
                .getSingleResult();
    }

    @Override
    public List<Pinned> of(RoomId room) {
        return em.createQuery("select p, m from Pin p, Message m where m.id = p.messageId and p.roomId = :room"
                        + " order by p.pinnedAt desc, p.messageId", Object[].class)
                .setParameter("room", room.value())
                .getResultStream()
                .map(row -> new Pinned((Pin) row[0], (Message) row[1]))
                .toList();
    }
}
