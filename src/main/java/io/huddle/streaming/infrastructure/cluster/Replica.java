package io.huddle.streaming.infrastructure.cluster;

import java.util.List;
import java.util.Set;

/**
 * State a node replicates to the others through {@link NodeLeases}: its control messages, a snapshot of what this
 * node holds (sent when another node asks, and after this node's sends were lost), and what to drop when a node's
 * lease runs out. Thread-safe.
 */
interface Replica {

    /** The kinds of control message this replica takes. */
    Set<String> kinds();

    /** A message of {@code kind} from {@code node}; runs on the cluster's arrival thread. */
    void received(String node, String kind, byte[] body);

    /** This node's own state, as messages that replace what the others hold of it. */
    List<TopicSender.Outgoing> snapshot();

    /** {@code node} left the cluster: forget what it reported. */
    void forget(String node);
}
