package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ClusterConnections;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The other nodes of the cluster, each on a lease it renews with a heartbeat, and the connections per user each
 * reported. Replicated, not asked for: a node sends a change of its own counts as it happens ({@code connections}),
 * its whole state when asked ({@code hello}, answered by a {@code snapshot}), and a heartbeat every
 * {@code heartbeat}; a node heard of for the first time is asked for its state. A node silent for
 * {@code timeout} is dropped with everything it reported, in one step. Messages of one node arrive in the order it
 * sent them, so a snapshot followed by changes stays exact. Thread-safe.
 */
final class NodeLeases implements ClusterConnections {

    static final String HEARTBEAT = "heartbeat";
    static final String HELLO = "hello";
    static final String SNAPSHOT = "snapshot";
    static final String CONNECTIONS = "connections";
    static final Set<String> KINDS = Set.of(HEARTBEAT, HELLO, SNAPSHOT, CONNECTIONS);

    private static final Logger LOG = Logger.getLogger(NodeLeases.class.getName());

    private final String self;
    private final TopicSender sender;
    private final long timeoutNanos;
    private final Map<String, Integer> here = new ConcurrentHashMap<>();
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final List<Replica> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What one other node reported, and when it was last heard of. */
    private static final class Peer {
        volatile long heard = System.nanoTime();
        final Map<String, Integer> connections = new ConcurrentHashMap<>();
    }

    NodeLeases(String self, TopicSender sender, Duration timeout) {
        this.self = self;
        this.sender = sender;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Adds state replicated with the leases: its snapshot goes wherever this node's goes. */
    void add(Replica replica) {
        replicas.add(replica);
    }

    @Override
    public int elsewhere(String user) {
        int count = 0;
        for (Peer peer : peers.values()) {
            count += peer.connections.getOrDefault(user, 0);
        }
        return count;
    }

    @Override
    public void here(String user, int count) {
        if (count > 0) {
            here.put(user, count);
        } else {
            here.remove(user);
        }
        sender.control(CONNECTIONS, Bodies.write(out -> {
            out.writeUTF(user);
            out.writeInt(count);
        }));
    }

    /**
     * Asks every other node for its state and tells them this node's own (at start, where it replaces what a
     * previous life of this node reported, and after this node's subscription was lost).
     */
    void hello() {
        sender.control(HELLO, new byte[0]);
        sendState();
    }

    private void sendState() {
        for (TopicSender.Outgoing state : afterOutage()) {
            sender.control(state.kind(), state.body());
        }
    }

    /** Renews this node's lease with the others. */
    void beat() {
        sender.control(HEARTBEAT, new byte[0]);
    }

    /** Drops the nodes whose lease ran out (checked more often than the heartbeat, so a dead node goes soon). */
    void expire() {
        long now = System.nanoTime();
        for (Map.Entry<String, Peer> peer : peers.entrySet()) {
            if (now - peer.getValue().heard > timeoutNanos && peers.remove(peer.getKey(), peer.getValue())) {
                int users = peer.getValue().connections.size();
                replicas.forEach(replica -> replica.forget(peer.getKey()));
                LOG.info(() -> "node " + peer.getKey() + " left the cluster (silent for " + Duration.ofNanos(timeoutNanos)
                        + "): the connections of its " + users + " users no longer count");
            }
        }
    }

    /** This node's whole state, as a message to send. */
    TopicSender.Outgoing snapshot() {
        Map<String, Integer> copy = Map.copyOf(here);
        return TopicSender.Outgoing.control(SNAPSHOT, Bodies.write(out -> {
            out.writeInt(copy.size());
            for (Map.Entry<String, Integer> user : copy.entrySet()) {
                out.writeUTF(user.getKey());
                out.writeInt(user.getValue());
            }
        }));
    }

    /** What this node sends after its sends were lost: its state, which the others may have missed. */
    List<TopicSender.Outgoing> afterOutage() {
        List<TopicSender.Outgoing> state = new java.util.ArrayList<>();
        state.add(snapshot());
        replicas.forEach(replica -> state.addAll(replica.snapshot()));
        return state;
    }

    /** A control message of {@code kind} from {@code node}. */
    void received(String node, String kind, byte[] body) {
        if (self.equals(node)) {
            return;
        }
        Peer peer = peers.get(node);
        if (peer == null) {
            Peer fresh = new Peer();
            peer = peers.putIfAbsent(node, fresh);
            if (peer == null) {
                peer = fresh;
                LOG.info(() -> "node " + node + " is in the cluster");
                if (!HELLO.equals(kind)) {
                    hello();
                }
            }
        }
        peer.heard = System.nanoTime();
        if (!KINDS.contains(kind)) {
            for (Replica replica : replicas) {
                if (replica.kinds().contains(kind)) {
                    replica.received(node, kind, body);
                    return;
                }
            }
            throw new IllegalArgumentException("unknown control message '" + kind + "' from node " + node);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            switch (kind) {
                case HELLO -> sendState();
                case SNAPSHOT -> {
                    int users = in.readInt();
                    Map<String, Integer> connections = new java.util.HashMap<>();
                    for (int i = 0; i < users; i++) {
                        connections.put(in.readUTF(), in.readInt());
                    }
                    peer.connections.keySet().retainAll(connections.keySet());
                    peer.connections.putAll(connections);
                }
                case CONNECTIONS -> {
                    String user = in.readUTF();
                    int count = in.readInt();
                    if (count > 0) {
                        peer.connections.put(user, count);
                    } else {
                        peer.connections.remove(user);
                    }
                }
                default -> {
                    // HEARTBEAT: hearing of the node was all.
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + kind + " message from node " + node, e);
        }
    }

    /** The other nodes heard of within their lease. */
    Set<String> nodes() {
        return Set.copyOf(peers.keySet());
    }
}
