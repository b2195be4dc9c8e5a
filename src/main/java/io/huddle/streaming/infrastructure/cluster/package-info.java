/**
 * Carrying envelopes between nodes: {@link io.huddle.streaming.infrastructure.cluster.LocalBroker} for a single
 * node. May import the hub; must not import application or transport.
 */
package io.huddle.streaming.infrastructure.cluster;
