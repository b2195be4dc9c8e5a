package io.huddle.streaming.infrastructure.cluster;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the other nodes hold of each user's presence, replicated: per node and user, the connections there, their
 * devices, whether they are idle and when they were last active ({@code presence}, and a {@code presence-snapshot}
 * of all a node holds); per user, the status and text last chosen anywhere ({@code choice}, the latest wins).
 * {@code changed} hears of every user whose replicated presence changed, and whether it changed because the node
 * holding the user's connections left the cluster. Thread-safe.
 */
final class PresenceReplica implements Replica {

    static final String PRESENCE = "presence";
    static final String SNAPSHOT = "presence-snapshot";
    static final String CHOICE = "choice";

    /** One node's part of a user's presence. */
    record Facts(int connections, Set<String> devices, boolean idle, Instant lastActive) {
    }

    /** A status and text a user chose, when, and on which node (the later wins; the node breaks ties). */
    record Choice(String status, Optional<String> text, long stamp, String node) {
        boolean newerThan(Choice other) {
            return other == null || stamp > other.stamp || (stamp == other.stamp && node.compareTo(other.node) > 0);
        }
    }

    private final String self;
    private final TopicSender sender;
    private final Function<String, Optional<Facts>> ownFacts;
    private final BiConsumer<String, Boolean> changed;
    private final Map<String, Map<String, Facts>> peers = new ConcurrentHashMap<>();
    private final Map<String, Choice> choices = new ConcurrentHashMap<>();
    /** The users this node holds facts of (for its snapshot). */
    private final Set<String> own = ConcurrentHashMap.newKeySet();

    /**
     * @param ownFacts this node's part of a user's presence (empty when it holds no connection of the user)
     * @param changed  told of each user whose presence changed elsewhere (true: that node left the cluster)
     */
    PresenceReplica(String self, TopicSender sender, Function<String, Optional<Facts>> ownFacts,
                    BiConsumer<String, Boolean> changed) {
        this.self = self;
        this.sender = sender;
        this.ownFacts = ownFacts;
        this.changed = changed;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(PRESENCE, SNAPSHOT, CHOICE);
    }

    /** This node's part of {@code user}'s presence changed: tells the others. */
    void changedHere(String user) {
        Optional<Facts> facts = ownFacts.apply(user);
        if (facts.isPresent()) {
            own.add(user);
        } else {
            own.remove(user);
        }
        sender.control(PRESENCE, Bodies.write(out -> writeFacts(out, user, facts)));
    }

    /** {@code user} chose a status on this node. */
    Choice chose(String user, String status, Optional<String> text) {
        Choice choice = new Choice(status, text, System.currentTimeMillis(), self);
        choices.merge(user, choice, (a, b) -> b.newerThan(a) ? b : a);
        sender.control(CHOICE, Bodies.write(out -> writeChoice(out, user, choice)));
        return choices.get(user);
    }

    /** The parts of {@code user}'s presence the other nodes hold. */
    List<Facts> elsewhere(String user) {
        List<Facts> facts = new ArrayList<>(2);
        for (Map<String, Facts> node : peers.values()) {
            Facts f = node.get(user);
            if (f != null) {
                facts.add(f);
            }
        }
        return facts;
    }

    /** The latest choice of {@code user} known here. */
    Optional<Choice> choice(String user) {
        return Optional.ofNullable(choices.get(user));
    }

    /** Users with a connection on another node. */
    Set<String> connectedElsewhere() {
        Set<String> users = new HashSet<>();
        peers.values().forEach(node -> users.addAll(node.keySet()));
        return users;
    }

    /** Forgets the choices made before {@code before} by users with no connection on another node. */
    void forgetChoices(Instant before) {
        Set<String> connected = connectedElsewhere();
        choices.entrySet().removeIf(c -> c.getValue().stamp() < before.toEpochMilli() && !connected.contains(c.getKey()));
    }

    @Override
    public void received(String node, String kind, byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            switch (kind) {
                case PRESENCE -> {
                    String user = in.readUTF();
                    apply(node, user, readFacts(in));
                    changed.accept(user, false);
                }
                case SNAPSHOT -> {
                    Map<String, Facts> all = new HashMap<>();
                    int users = in.readInt();
                    for (int i = 0; i < users; i++) {
                        String user = in.readUTF();
                        readFacts(in).ifPresent(f -> all.put(user, f));
                    }
                    int chosen = in.readInt();
                    for (int i = 0; i < chosen; i++) {
                        String user = in.readUTF();
                        Choice choice = readChoice(in);
                        choices.merge(user, choice, (a, b) -> b.newerThan(a) ? b : a);
                    }
                    Map<String, Facts> before = peers.put(node, new ConcurrentHashMap<>(all));
                    Set<String> touched = new HashSet<>(all.keySet());
                    if (before != null) {
                        touched.addAll(before.keySet());
                    }
                    touched.forEach(user -> changed.accept(user, false));
                }
                case CHOICE -> {
                    String user = in.readUTF();
                    Choice choice = readChoice(in);
                    choices.merge(user, choice, (a, b) -> b.newerThan(a) ? b : a);
                    changed.accept(user, false);
                }
                default -> throw new IllegalArgumentException("not a presence message: " + kind);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + kind + " message from node " + node, e);
        }
    }

    private void apply(String node, String user, Optional<Facts> facts) {
        Map<String, Facts> users = peers.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
        if (facts.isPresent()) {
            users.put(user, facts.get());
        } else {
            users.remove(user);
        }
    }

    @Override
    public List<TopicSender.Outgoing> snapshot() {
        List<String> users = List.copyOf(own);
        Map<String, Choice> chosen = Map.copyOf(choices);
        return List.of(TopicSender.Outgoing.control(SNAPSHOT, Bodies.write(out -> {
            out.writeInt(users.size());
            for (String user : users) {
                writeFacts(out, user, ownFacts.apply(user));
            }
            out.writeInt(chosen.size());
            for (Map.Entry<String, Choice> choice : chosen.entrySet()) {
                writeChoice(out, choice.getKey(), choice.getValue());
            }
        })));
    }

    @Override
    public void forget(String node) {
        Map<String, Facts> gone = peers.remove(node);
        if (gone != null) {
            gone.keySet().forEach(user -> changed.accept(user, true));
        }
    }

    private static void writeFacts(DataOutputStream out, String user, Optional<Facts> facts) throws IOException {
        out.writeUTF(user);
        out.writeBoolean(facts.isPresent());
        if (facts.isPresent()) {
            Facts f = facts.get();
            out.writeInt(f.connections());
            out.writeInt(f.devices().size());
            for (String device : f.devices()) {
                out.writeUTF(device);
            }
            out.writeBoolean(f.idle());
            out.writeLong(f.lastActive().toEpochMilli());
        }
    }

    private static Optional<Facts> readFacts(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        int connections = in.readInt();
        int count = in.readInt();
        Set<String> devices = new HashSet<>();
        for (int i = 0; i < count; i++) {
            devices.add(in.readUTF());
        }
        return Optional.of(new Facts(connections, devices, in.readBoolean(), Instant.ofEpochMilli(in.readLong())));
    }

    private static void writeChoice(DataOutputStream out, String user, Choice choice) throws IOException {
        out.writeUTF(user);
        out.writeUTF(choice.status());
        out.writeBoolean(choice.text().isPresent());
        if (choice.text().isPresent()) {
            out.writeUTF(choice.text().get());
        }
        out.writeLong(choice.stamp());
        out.writeUTF(choice.node());
    }

    private static Choice readChoice(DataInputStream in) throws IOException {
        String status = in.readUTF();
        Optional<String> text = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
        return new Choice(status, text, in.readLong(), in.readUTF());
    }
}
