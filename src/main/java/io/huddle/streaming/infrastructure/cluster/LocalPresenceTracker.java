package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.PresenceTracker;
import io.huddle.streaming.hub.UserPresence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link PresenceTracker} of a single node: presence lives in this JVM. A user with no connection left keeps
 * the status they chose (a reconnecting invisible user stays invisible) until {@link #forgetGone} drops it.
 * Thread-safe: each user's entry changes under its own lock; an entry is removed under its lock and marked, so a
 * connection that raced with the removal retries on a fresh entry.
 */
@ApplicationScoped
@Typed(LocalPresenceTracker.class)
public class LocalPresenceTracker implements PresenceTracker {

    private final Map<String, Entry> users = new ConcurrentHashMap<>();

    /** One user's mutable presence; guarded by itself. */
    private static final class Entry {
        final ConnectionDevices connections = new ConnectionDevices();
        String chosen = "online";
        Optional<String> text = Optional.empty();
        /** Epoch milliseconds (a long rather than an {@link Instant}: one object less per online user). */
        volatile long lastActive = System.currentTimeMillis();
        boolean idle;
        /** Set when the entry was removed from the map: it must not be changed any more. */
        boolean removed;

        UserPresence snapshot(String user) {
            return new UserPresence(user, chosen, connections.size(), connections.devices(), text,
                    Instant.ofEpochMilli(lastActive), idle);
        }
    }

    private Entry entry(String user) {
        return users.computeIfAbsent(user, u -> new Entry());
    }

    /** Runs {@code change} on {@code user}'s entry under its lock, on a fresh entry if it was just removed. */
    private UserPresence change(String user, java.util.function.Consumer<Entry> change) {
        while (true) {
            Entry e = entry(user);
            synchronized (e) {
                if (!e.removed) {
                    change.accept(e);
                    return e.snapshot(user);
                }
            }
        }
    }

    @Override
    public UserPresence connected(String user, String connection) {
        return change(user, e -> {
            e.connections.put(connection, "");
            e.lastActive = System.currentTimeMillis();
            e.idle = false;
        });
    }

    @Override
    public UserPresence disconnected(String user, String connection) {
        return change(user, e -> {
            e.connections.remove(connection);
            e.lastActive = System.currentTimeMillis();
        });
    }

    @Override
    public UserPresence device(String user, String connection, Optional<String> device) {
        return change(user, e -> {
            if (e.connections.contains(connection)) {
                e.connections.put(connection, device.orElse(""));
            }
        });
    }

    @Override
    public UserPresence choose(String user, String status, Optional<String> text) {
        return change(user, e -> {
            e.chosen = status;
            e.text = text;
            e.lastActive = System.currentTimeMillis();
            e.idle = false;
        });
    }

    @Override
    public void active(String user) {
        Entry e = users.get(user);
        if (e != null) {
            e.lastActive = System.currentTimeMillis();
        }
    }

    @Override
    public List<UserPresence> markIdle(Instant cutoff) {
        List<UserPresence> idle = new ArrayList<>();
        users.forEach((user, e) -> {
            synchronized (e) {
                if (!e.idle && !e.connections.isEmpty() && e.lastActive < cutoff.toEpochMilli()) {
                    e.idle = true;
                    idle.add(e.snapshot(user));
                }
            }
        });
        return idle;
    }

    @Override
    public Optional<UserPresence> wake(String user) {
        Entry e = users.get(user);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            if (!e.idle) {
                return Optional.empty();
            }
            e.idle = false;
            return Optional.of(e.snapshot(user));
        }
    }

    @Override
    public UserPresence get(String user) {
        Entry e = users.get(user);
        if (e == null) {
            return UserPresence.unknown(user);
        }
        synchronized (e) {
            return e.snapshot(user);
        }
    }

    @Override
    public Map<String, UserPresence> getAll(Collection<String> wanted) {
        Map<String, UserPresence> result = new HashMap<>();
        wanted.forEach(user -> result.put(user, get(user)));
        return result;
    }

    @Override
    public Set<String> connectedUsers() {
        Set<String> online = new java.util.TreeSet<>();
        users.forEach((user, e) -> {
            synchronized (e) {
                if (!e.connections.isEmpty()) {
                    online.add(user);
                }
            }
        });
        return online;
    }

    @Override
    public int forgetGone(Instant plainBefore, Instant choiceBefore) {
        int forgotten = 0;
        for (Map.Entry<String, Entry> item : users.entrySet()) {
            Entry e = item.getValue();
            synchronized (e) {
                boolean plain = "online".equals(e.chosen) && e.text.isEmpty();
                if (e.connections.isEmpty() && e.lastActive < (plain ? plainBefore : choiceBefore).toEpochMilli()
                        && users.remove(item.getKey(), e)) {
                    e.removed = true;
                    forgotten++;
                }
            }
        }
        return forgotten;
    }

    @Override
    public int size() {
        return users.size();
    }
}
