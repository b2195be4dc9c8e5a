package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ClusterConnectionList;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionSummary;
import io.huddle.streaming.hub.ConnectionRegistry;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link ClusterConnectionList} of a cluster, over its topic: a {@code connections-query} goes to every node,
 * each other node answers the asking one with a {@code connections-reply} listing its connections (read from its
 * memory on the arrival thread: no database, no waiting), and the asker completes once every node it knew of
 * answered, or after {@code timeout} with the nodes still silent named. Thread-safe.
 */
final class ConnectionQueries implements ClusterConnectionList, Replica {

    static final String QUERY = "connections-query";
    static final String REPLY = "connections-reply";

    /** One listing under way: the nodes still to answer and what the others reported. */
    private static final class Pending {
        final Set<String> silent;
        final List<ConnectionSummary> reported = new ArrayList<>();
        final CompletableFuture<Listing> done = new CompletableFuture<>();

        Pending(Set<String> nodes) {
            silent = new TreeSet<>(nodes);
        }

        synchronized void answered(String node, List<ConnectionSummary> connections) {
            if (silent.remove(node)) {
                reported.addAll(connections);
            }
            if (silent.isEmpty()) {
                finish();
            }
        }

        synchronized void finish() {
            done.complete(new Listing(reported, List.copyOf(silent)));
        }
    }

    private final String self;
    private final TopicSender sender;
    private final Supplier<Set<String>> nodes;
    private final ConnectionRegistry registry;
    private final Function<Connection, Collection<String>> channelsOf;
    private final ScheduledExecutorService timers;
    private final Duration timeout;
    private final Map<String, Pending> waiting = new ConcurrentHashMap<>();

    ConnectionQueries(String self, TopicSender sender, Supplier<Set<String>> nodes, ConnectionRegistry registry,
                      Function<Connection, Collection<String>> channelsOf, ScheduledExecutorService timers,
                      Duration timeout) {
        this.self = self;
        this.sender = sender;
        this.nodes = nodes;
        this.registry = registry;
        this.channelsOf = channelsOf;
        this.timers = timers;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Listing> others(Optional<String> user) {
        Set<String> others = new TreeSet<>(nodes.get());
        others.remove(self);
        if (others.isEmpty()) {
            return CompletableFuture.completedFuture(Listing.NONE);
        }
        String id = UUID.randomUUID().toString();
        Pending pending = new Pending(others);
        waiting.put(id, pending);
        pending.done.whenComplete((listing, failure) -> waiting.remove(id));
        timers.schedule(pending::finish, timeout.toMillis(), TimeUnit.MILLISECONDS);
        sender.control(QUERY, Bodies.write(out -> {
            out.writeUTF(id);
            out.writeBoolean(user.isPresent());
            out.writeUTF(user.orElse(""));
        }));
        return pending.done;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(QUERY, REPLY);
    }

    @Override
    public void received(String from, String kind, byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            String id = in.readUTF();
            if (QUERY.equals(kind)) {
                Optional<String> user = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
                answer(from, id, user);
            } else if (in.readUTF().equals(self)) {
                Pending pending = waiting.get(id);
                List<ConnectionSummary> connections = readAll(in);
                if (pending != null) {
                    pending.answered(from, connections);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + kind + " message from node " + from, e);
        }
    }

    private void answer(String to, String id, Optional<String> user) {
        Collection<? extends Connection> open = user.isPresent() ? registry.ofUser(user.get()) : registry.all();
        List<ConnectionSummary> summaries = open.stream()
                .map(c -> ConnectionSummary.of(c, self, List.copyOf(channelsOf.apply(c)))).toList();
        sender.control(REPLY, Bodies.write(out -> {
            out.writeUTF(id);
            out.writeUTF(to);
            out.writeInt(summaries.size());
            for (ConnectionSummary c : summaries) {
                write(out, c);
            }
        }));
    }

    private static void write(DataOutputStream out, ConnectionSummary c) throws IOException {
        out.writeUTF(c.id());
        out.writeUTF(c.user());
        out.writeUTF(c.transport());
        out.writeUTF(c.node());
        out.writeLong(c.openedAt().toEpochMilli());
        out.writeLong(c.lastSeen().toEpochMilli());
        out.writeInt(c.channels().size());
        for (String channel : c.channels()) {
            out.writeUTF(channel);
        }
        Bodies.writeText(out, c.client());
    }

    private static List<ConnectionSummary> readAll(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException(count + " connections where " + in.available() + " bytes are left");
        }
        List<ConnectionSummary> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = in.readUTF();
            String user = in.readUTF();
            String transport = in.readUTF();
            String node = in.readUTF();
            Instant opened = Instant.ofEpochMilli(in.readLong());
            Instant seen = Instant.ofEpochMilli(in.readLong());
            int channels = in.readInt();
            if (channels < 0 || channels > in.available()) {
                throw new IOException(channels + " channels where " + in.available() + " bytes are left");
            }
            List<String> names = new ArrayList<>(channels);
            for (int j = 0; j < channels; j++) {
                names.add(in.readUTF());
            }
            connections.add(new ConnectionSummary(id, user, transport, node, opened, seen, names, Bodies.readText(in)));
        }
        return connections;
    }

    @Override
    public List<TopicSender.Outgoing> snapshot() {
        return List.of();
    }

    @Override
    public void forget(String node) {
        // A listing waiting for that node ends by its timeout, naming it.
    }
}
