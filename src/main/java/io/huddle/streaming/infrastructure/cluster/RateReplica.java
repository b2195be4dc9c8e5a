package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ClusterRates;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ClusterRates} of a cluster: what this node's users spend is added up and sent every
 * {@link #flush()} (a {@code spent} message naming each user and how many tokens), and what the other nodes sent is
 * kept per user until this node charges it. What was spent elsewhere but never charged here is dropped after
 * {@link #KEEP_NANOS}, by when a bucket has refilled anyway. Thread-safe.
 */
final class RateReplica implements ClusterRates, Replica {

    static final String SPENT = "spent";
    private static final long KEEP_NANOS = 10_000_000_000L;

    private final TopicSender sender;
    private final Map<String, AtomicInteger> spentHere = new ConcurrentHashMap<>();
    private final Map<String, Elsewhere> spentElsewhere = new ConcurrentHashMap<>();

    /** Tokens spent elsewhere and not charged here yet, and when the last were reported. */
    private record Elsewhere(int tokens, long reported) {
    }

    RateReplica(TopicSender sender) {
        this.sender = sender;
    }

    @Override
    public void spent(String user) {
        spentHere.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int takeSpentElsewhere(String user) {
        if (spentElsewhere.isEmpty()) {
            return 0;
        }
        Elsewhere taken = spentElsewhere.remove(user);
        return taken == null ? 0 : taken.tokens();
    }

    /** Sends what this node's users spent since the last flush; drops what was reported long ago and never charged. */
    void flush() {
        Map<String, Integer> spent = new HashMap<>();
        for (String user : spentHere.keySet()) {
            AtomicInteger count = spentHere.remove(user);
            if (count != null && count.get() > 0) {
                spent.put(user, count.get());
            }
        }
        if (!spent.isEmpty()) {
            sender.control(SPENT, Bodies.write(out -> {
                out.writeInt(spent.size());
                for (Map.Entry<String, Integer> user : spent.entrySet()) {
                    out.writeUTF(user.getKey());
                    out.writeInt(user.getValue());
                }
            }));
        }
        long now = System.nanoTime();
        spentElsewhere.values().removeIf(e -> now - e.reported() > KEEP_NANOS);
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SPENT);
    }

    @Override
    public void received(String node, String kind, byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int users = in.readInt();
            long now = System.nanoTime();
            for (int i = 0; i < users; i++) {
                String user = in.readUTF();
                int tokens = in.readInt();
                spentElsewhere.merge(user, new Elsewhere(tokens, now),
                        (a, b) -> new Elsewhere(a.tokens() + b.tokens(), b.reported()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + kind + " message from node " + node, e);
        }
    }

    @Override
    public List<TopicSender.Outgoing> snapshot() {
        return List.of();
    }

    @Override
    public void forget(String node) {
        // What a node spent before it left still counted against its users' budgets; nothing to undo.
    }
}
