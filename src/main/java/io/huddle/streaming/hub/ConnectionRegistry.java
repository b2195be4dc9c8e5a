package io.huddle.streaming.hub;

import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.protocol.Frames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    @Inject
    Traffic traffic;

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());

    private static final Connection[] NONE = new Connection[0];

    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    /** Each user's connections as a small array, replaced (never changed) on open and close: cheap to walk. */
    private final Map<String, Connection[]> byUser = new ConcurrentHashMap<>();
    /** Counts registrations and removals, each counted after it took effect. */
    private final AtomicLong changes = new AtomicLong();

    /** Adds {@code connection}. */
    public void register(Connection connection) {
        byId.put(connection.id(), connection);
        byUser.merge(connection.user(), new Connection[]{connection}, (present, added) -> {
            Connection[] grown = Arrays.copyOf(present, present.length + 1);
            grown[present.length] = added[0];
            return grown;
        });
        changes.incrementAndGet();
    }

    /** Removes {@code connection}; harmless if it was not registered. Returns whether it was. */
    public boolean unregister(Connection connection) {
        boolean removed = byId.remove(connection.id(), connection);
        byUser.computeIfPresent(connection.user(), (user, present) -> {
            Connection[] kept = Arrays.stream(present).filter(c -> c != connection).toArray(Connection[]::new);
            return kept.length == 0 ? null : kept;
        });
        changes.incrementAndGet();
        return removed;
    }

    /**
     * How many times connections were added or removed so far, counted after each change took effect: a reader
     * that sees the same count before and after looking at the connections saw a state that still holds.
     */
    public long changes() {
        return changes.get();
    }

    /**
     * Runs {@code action} for each connection of each of {@code users} on this node: the hot path of fan-out.
     * Connections opening or closing meanwhile may or may not be seen. An action that throws is logged and
     * skipped; the others still run.
     */
    public void forEachOfUsers(Iterable<String> users, Consumer<Connection> action) {
        for (String user : users) {
            Connection[] connections = byUser.getOrDefault(user, NONE);
            for (Connection connection : connections) {
                try {
                    action.accept(connection);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, e, () -> "could not queue a frame for connection " + connection.id());
                }
            }
        }
    }

    /** The connection with {@code id}, or {@code null}. */
    public Connection find(String id) {
        return byId.get(id);
    }

    /** A snapshot of {@code user}'s connections on this node. */
    public List<Connection> ofUser(String user) {
        return List.of(byUser.getOrDefault(user, NONE));
    }

    /** A snapshot of every connection on this node. */
    public Collection<Connection> all() {
        return List.copyOf(byId.values());
    }

    /** How many connections are open on this node. */
    public int count() {
        return byId.size();
    }

    /** How many users have a connection open on this node. */
    public int userCount() {
        return byUser.size();
    }

    /**
     * Sends {@code frame} to each of {@code recipients}. A recipient that fails is logged and skipped: it never
     * stops delivery to the others.
     */
    public void deliver(Collection<Connection> recipients, OutboundFrame frame) {
        int sent = 0;
        for (Connection connection : recipients) {
            try {
                connection.send(frame);
                sent++;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "could not queue a frame for connection " + connection.id());
            }
        }
        traffic.delivered(sent);
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
        changes.incrementAndGet();
    }
}
