package io.huddle.streaming.hub;

/**
 * The connections users hold on the other nodes of a cluster, as those nodes last reported them, so that a limit
 * per user holds across nodes without asking any node at the moment of the check (a node that died can make the
 * figure stale for one lease at most, never slow). Implementations: none elsewhere for a single node, replicated
 * over the cluster's messaging otherwise. Thread-safe.
 */
public interface ClusterConnections {

    /** How many connections {@code user} holds on other nodes. */
    int elsewhere(String user);

    /** This node now holds {@code count} connections of {@code user} (0 when the last one closed). */
    void here(String user, int count);
}
