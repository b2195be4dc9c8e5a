package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.PresenceTracker;
import io.huddle.streaming.hub.UserPresence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link PresenceTracker} of a cluster node: this node's connections in a {@link LocalPresenceTracker}, the
 * other nodes' parts replicated to it ({@link PresenceReplica}), and every answer merged from both, without asking
 * another node: a user's connections are counted over every node, devices joined, the user is idle only when idle
 * everywhere, and the status last chosen anywhere holds. Every change to this node's part is sent to the others
 * as it happens. Thread-safe.
 */
final class ReplicatedPresenceTracker implements PresenceTracker {

    private final LocalPresenceTracker local;
    private PresenceReplica replica;

    ReplicatedPresenceTracker(LocalPresenceTracker local) {
        this.local = local;
    }

    /** Connects the tracker to the replica that carries its changes (once, before any use). */
    void replicateWith(PresenceReplica replica) {
        this.replica = replica;
    }

    /** This node's part of {@code user}'s presence, or empty when it holds no connection of the user. */
    Optional<PresenceReplica.Facts> facts(String user) {
        UserPresence p = local.get(user);
        if (p.connections() == 0) {
            return Optional.empty();
        }
        return Optional.of(new PresenceReplica.Facts(p.connections(), p.devices(), p.idle(), p.lastActive()));
    }

    private UserPresence changedHere(UserPresence p) {
        replica.changedHere(p.user());
        return merged(p.user());
    }

    @Override
    public UserPresence connected(String user, String connection) {
        return changedHere(local.connected(user, connection));
    }

    @Override
    public UserPresence disconnected(String user, String connection) {
        return changedHere(local.disconnected(user, connection));
    }

    @Override
    public UserPresence device(String user, String connection, Optional<String> device) {
        return changedHere(local.device(user, connection, device));
    }

    @Override
    public UserPresence choose(String user, String status, Optional<String> text) {
        local.choose(user, status, text);
        replica.chose(user, status, text);
        return changedHere(local.get(user));
    }

    @Override
    public void active(String user) {
        local.active(user);
    }

    @Override
    public List<UserPresence> markIdle(Instant cutoff) {
        return local.markIdle(cutoff).stream().map(this::changedHere).toList();
    }

    @Override
    public Optional<UserPresence> wake(String user) {
        return local.wake(user).map(this::changedHere);
    }

    @Override
    public UserPresence get(String user) {
        return merged(user);
    }

    @Override
    public Map<String, UserPresence> getAll(Collection<String> users) {
        Map<String, UserPresence> all = new HashMap<>();
        users.forEach(user -> all.put(user, merged(user)));
        return all;
    }

    @Override
    public Set<String> connectedUsers() {
        Set<String> users = new TreeSet<>(local.connectedUsers());
        users.addAll(replica.connectedElsewhere());
        return users;
    }

    @Override
    public int forgetGone(Instant plainBefore, Instant choiceBefore) {
        int forgotten = local.forgetGone(plainBefore, choiceBefore);
        replica.forgetChoices(choiceBefore);
        return forgotten;
    }

    @Override
    public int size() {
        return local.size();
    }

    /** Everything known of {@code user}, here and elsewhere, as one presence. */
    private UserPresence merged(String user) {
        UserPresence here = local.get(user);
        List<PresenceReplica.Facts> elsewhere = replica.elsewhere(user);
        Optional<PresenceReplica.Choice> choice = replica.choice(user);
        if (elsewhere.isEmpty() && choice.isEmpty()) {
            return here;
        }
        int connections = here.connections();
        Set<String> devices = new HashSet<>(here.devices());
        boolean idle = here.connections() == 0 || here.idle();
        Instant lastActive = here.lastActive();
        for (PresenceReplica.Facts f : elsewhere) {
            connections += f.connections();
            devices.addAll(f.devices());
            idle &= f.idle();
            lastActive = f.lastActive().isAfter(lastActive) ? f.lastActive() : lastActive;
        }
        String chosen = choice.map(PresenceReplica.Choice::status).orElse(here.chosen());
        Optional<String> text = choice.isPresent() ? choice.get().text() : here.text();
        return new UserPresence(user, chosen, connections, devices, text, lastActive, connections > 0 && idle);
    }
}
