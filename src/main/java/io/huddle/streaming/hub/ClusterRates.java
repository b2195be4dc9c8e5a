package io.huddle.streaming.hub;

/**
 * The message budget of a user spent on the other nodes of a cluster, so that spreading connections over nodes
 * does not multiply a user's publish rate. Each node reports what its users spend, a few times a second; a node
 * charges what was spent elsewhere to its own bucket the next time the user spends. Implementations: nothing
 * elsewhere for a single node, replicated over the cluster's messaging otherwise. Thread-safe.
 */
public interface ClusterRates {

    /** {@code user} spent one message token on this node. */
    void spent(String user);

    /** The message tokens {@code user} spent on other nodes since the last call for that user. */
    int takeSpentElsewhere(String user);
}
