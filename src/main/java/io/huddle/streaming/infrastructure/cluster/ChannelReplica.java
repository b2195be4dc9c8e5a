package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ChannelIndex;
import io.huddle.streaming.hub.ClusterChannels;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ClusterChannels} of a cluster: a node sends the channels each user subscribes to there as they change
 * ({@code channels}), all of them when asked ({@code channels-snapshot}), and a deleted channel's name
 * ({@code channel-deleted}), on which every node ends its own subscriptions to it. Thread-safe.
 */
final class ChannelReplica implements ClusterChannels, Replica {

    static final String CHANNELS = "channels";
    static final String SNAPSHOT = "channels-snapshot";
    static final String DELETED = "channel-deleted";

    private final TopicSender sender;
    private final ChannelIndex index;
    private final Map<String, Set<String>> here = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> peers = new ConcurrentHashMap<>();

    ChannelReplica(TopicSender sender, ChannelIndex index) {
        this.sender = sender;
        this.index = index;
    }

    @Override
    public Set<String> elsewhere(String user) {
        Set<String> channels = new HashSet<>();
        peers.values().forEach(node -> channels.addAll(node.getOrDefault(user, Set.of())));
        return channels;
    }

    @Override
    public void here(String user, Set<String> channels) {
        if (channels.isEmpty()) {
            here.remove(user);
        } else {
            here.put(user, Set.copyOf(channels));
        }
        sender.control(CHANNELS, Bodies.write(out -> write(out, user, channels)));
    }

    @Override
    public void deleted(String channel) {
        sender.control(DELETED, Bodies.write(out -> out.writeUTF(channel)));
    }

    @Override
    public Set<String> kinds() {
        return Set.of(CHANNELS, SNAPSHOT, DELETED);
    }

    @Override
    public void received(String node, String kind, byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            switch (kind) {
                case CHANNELS -> {
                    String user = in.readUTF();
                    Set<String> channels = read(in);
                    Map<String, Set<String>> users = peers.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
                    if (channels.isEmpty()) {
                        users.remove(user);
                    } else {
                        users.put(user, channels);
                    }
                }
                case SNAPSHOT -> {
                    Map<String, Set<String>> users = new ConcurrentHashMap<>();
                    int count = in.readInt();
                    for (int i = 0; i < count; i++) {
                        users.put(in.readUTF(), read(in));
                    }
                    peers.put(node, users);
                }
                default -> index.drop(in.readUTF());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + kind + " message from node " + node, e);
        }
    }

    @Override
    public List<TopicSender.Outgoing> snapshot() {
        Map<String, Set<String>> copy = new HashMap<>(here);
        return List.of(TopicSender.Outgoing.control(SNAPSHOT, Bodies.write(out -> {
            out.writeInt(copy.size());
            for (Map.Entry<String, Set<String>> user : copy.entrySet()) {
                write(out, user.getKey(), user.getValue());
            }
        })));
    }

    @Override
    public void forget(String node) {
        peers.remove(node);
    }

    private static void write(DataOutputStream out, String user, Set<String> channels) throws IOException {
        out.writeUTF(user);
        out.writeInt(channels.size());
        for (String channel : channels) {
            out.writeUTF(channel);
        }
    }

    private static Set<String> read(DataInputStream in) throws IOException {
        int count = in.readInt();
        Set<String> channels = new HashSet<>();
        for (int i = 0; i < count; i++) {
            channels.add(in.readUTF());
        }
        return Set.copyOf(channels);
    }
}
