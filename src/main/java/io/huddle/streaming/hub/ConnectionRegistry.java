package io.huddle.streaming.hub;

import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.protocol.Frames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connections open on this node, by id and by user. The one place that holds connection state: endpoints
 * register and unregister here. Reads return immutable snapshots. Thread-safe.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());

    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> delivered = new ConcurrentHashMap<>();

    /** Adds {@code connection}. */
    public void register(Connection connection) {
        byId.put(connection.id(), connection);
        byUser.computeIfAbsent(connection.user(), u -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Removes {@code connection}; harmless if it was not registered. Returns whether it was. */
    public boolean unregister(Connection connection) {
        boolean removed = byId.remove(connection.id(), connection);
        delivered.remove(connection.id());
        byUser.computeIfPresent(connection.user(), (user, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        return removed;
    }

    /**
     * Records that {@code connection} is about to receive message {@code seq} of {@code room}; returns
     * {@code false} (do not send) if it already received that seq or a later one, so that a connection sees
     * each room's messages once and in increasing order, whatever races between replay and live delivery.
     */
    public boolean advance(Connection connection, String room, long seq) {
        Map<String, AtomicLong> seqs = delivered.get(connection.id());
        if (seqs == null) {
            seqs = delivered.computeIfAbsent(connection.id(), id -> new ConcurrentHashMap<>());
        }
        AtomicLong last = seqs.get(room);
        if (last == null) {
            last = seqs.computeIfAbsent(room, r -> new AtomicLong());
        }
        while (true) {
            long current = last.get();
            if (seq <= current) {
                return false;
            }
            if (last.compareAndSet(current, seq)) {
                return true;
            }
        }
    }

    /**
     * Runs {@code action} for each connection of {@code user} on this node, on the live set (no copy): the hot
     * path of fan-out. Connections opening or closing meanwhile may or may not be seen.
     */
    public void forEachOfUser(String user, Consumer<Connection> action) {
        Set<Connection> set = byUser.get(user);
        if (set != null) {
            set.forEach(action);
        }
    }

    /** The connection with {@code id}, or {@code null}. */
    public Connection find(String id) {
        return byId.get(id);
    }

    /** A snapshot of {@code user}'s connections on this node. */
    public List<Connection> ofUser(String user) {
        Set<Connection> set = byUser.get(user);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** A snapshot of every connection on this node. */
    public Collection<Connection> all() {
        return List.copyOf(byId.values());
    }

    /** How many connections are open on this node. */
    public int count() {
        return byId.size();
    }

    /**
     * Sends {@code frame} to each of {@code recipients}. A recipient that fails is logged and skipped: it never
     * stops delivery to the others.
     */
    public void deliver(Collection<Connection> recipients, OutboundFrame frame) {
        for (Connection connection : recipients) {
            try {
                connection.send(frame);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "could not queue a frame for connection " + connection.id());
            }
        }
    }

    /**
     * Closes every connection on this node (server stopping): a {@code system shutdown} frame, then close
     * code 1001, so clients reconnect elsewhere and open SSE streams do not hold the server's stop.
     */
    @PreDestroy
    void closeAll() {
        String shutdown = Frames.system("shutdown", "server shutting down");
        for (Connection connection : all()) {
            try {
                connection.send(OutboundFrame.of("system", shutdown));
                connection.close(CloseCodes.GOING_AWAY, "server shutting down");
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "could not close connection " + connection.id() + " at shutdown");
            }
        }
        byId.clear();
        byUser.clear();
    }
}
