/**
 * Carrying envelopes between nodes: {@link io.huddle.streaming.infrastructure.cluster.LocalBroker} for a single
 * node, {@link io.huddle.streaming.infrastructure.cluster.JmsBroker} over a Jakarta Messaging topic for a cluster,
 * chosen by {@link io.huddle.streaming.infrastructure.cluster.Brokers}. May import the hub and config; must not
 * import application or transport.
 */
package io.huddle.streaming.infrastructure.cluster;
