package io.huddle.streaming.domain.channel;

import java.util.List;
import java.util.Optional;

/**
 * Stores channel definitions. Thread-safe; every method joins the caller's transaction.
 */
public interface ChannelRepository {

    /** The channel named {@code name}, if defined. */
    Optional<Channel> find(String name);

    /** Defines a new channel. */
    void add(Channel channel);

    /** Removes the channel named {@code name}; returns whether it existed. */
    boolean remove(String name);

    /** Every channel, by name. */
    List<Channel> all();
}
