package io.huddle.streaming.hub;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of this node's connections subscribe to which channel. Subscriptions belong to a connection and vanish
 * with it. Thread-safe; reads return snapshots.
 */
@ApplicationScoped
public class ChannelIndex {

    private final Map<String, Set<Connection>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byConnection = new ConcurrentHashMap<>();

    /** Subscribes {@code connection}; returns whether it was not subscribed yet. */
    public boolean subscribe(Connection connection, String channel) {
        byConnection.computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet()).add(channel);
        return subscribers.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Unsubscribes {@code connection}; returns whether it was subscribed. */
    public boolean unsubscribe(Connection connection, String channel) {
        Set<String> channels = byConnection.get(connection.id());
        if (channels != null) {
            channels.remove(channel);
        }
        boolean[] removed = {false};
        subscribers.computeIfPresent(channel, (c, set) -> {
            removed[0] = set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        return removed[0];
    }

    /** Drops every subscription of {@code connection}. */
    public void removeConnection(Connection connection) {
        Set<String> channels = byConnection.remove(connection.id());
        if (channels != null) {
            channels.forEach(channel -> unsubscribe(connection, channel));
        }
    }

    /** Ends every subscription to {@code channel} (it was deleted). */
    public void drop(String channel) {
        Set<Connection> set = subscribers.remove(channel);
        if (set != null) {
            set.forEach(c -> {
                Set<String> channels = byConnection.get(c.id());
                if (channels != null) {
                    channels.remove(channel);
                }
            });
        }
    }

    /** The connections subscribed to {@code channel}. */
    public List<Connection> subscribers(String channel) {
        Set<Connection> set = subscribers.get(channel);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** The channels {@code connection} subscribes to. */
    public Set<String> channelsOf(Connection connection) {
        Set<String> set = byConnection.get(connection.id());
        return set == null ? Set.of() : Set.copyOf(set);
    }
}
