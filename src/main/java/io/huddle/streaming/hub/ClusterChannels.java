package io.huddle.streaming.hub;

import java.util.Set;

/**
 * The channel subscriptions users hold on the other nodes of a cluster, as those nodes last reported them, so that
 * the subscription limit per user holds across nodes; and the end of a deleted channel's subscriptions on every
 * node. Implementations: nothing elsewhere for a single node, replicated over the cluster's messaging otherwise.
 * Thread-safe.
 */
public interface ClusterChannels {

    /** The channels {@code user} subscribes to on other nodes. */
    Set<String> elsewhere(String user);

    /** This node's connections of {@code user} now subscribe to {@code channels} (empty: none). */
    void here(String user, Set<String> channels);

    /** {@code channel} was deleted here: every other node ends its subscriptions too. */
    void deleted(String channel);
}
