package io.huddle.streaming.infrastructure.persistence;

import io.huddle.streaming.domain.channel.Channel;
import io.huddle.streaming.domain.channel.ChannelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/**
 * {@link ChannelRepository} over JPA. Thread-safe.
 */
@ApplicationScoped
public class JpaChannelRepository implements ChannelRepository {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public Optional<Channel> find(String name) {
        return Optional.ofNullable(em.find(Channel.class, name));
    }

    @Override
    public void add(Channel channel) {
        em.persist(channel);
    }

    @Override
    public boolean remove(String name) {
        return find(name).map(channel -> {
            em.remove(channel);
            return true;
        }).orElse(false);
    }

    @Override
    public List<Channel> all() {
        return em.createQuery("select c from Channel c order by c.name", Channel.class).getResultList();
    }
}
