package io.huddle.streaming.hub;

/**
 * Carries envelopes to every node of the cluster, this one included; each node hands what it receives to its
 * {@link Fanout}. Implementations: a local one for a single node, a messaging one for a cluster. Thread-safe.
 */
public interface Broker {

    /**
     * Sends {@code envelope} to every node. Envelopes published by one thread arrive at each node in the order
     * published. Returns without waiting for remote delivery; never throws for a single node's failure.
     */
    void publish(Envelope envelope);

    /** What this broker did since the node started. */
    BrokerStats stats();
}
