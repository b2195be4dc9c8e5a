package io.huddle.streaming.hub;

/**
 * A CDI event: what another node of the cluster knows of {@code user}'s presence changed (a connection opened or
 * closed there, the user chose a status there, went idle there, or the node left the cluster). Every node then
 * tells its own connections what they see of the user now. Fired from a thread of the cluster's messaging, never
 * on a single node.
 *
 * @param user     the user concerned
 * @param nodeLeft whether it changed because a node's lease ran out: its users were given the lease's time to
 *                 reconnect already, so one left with no connection is offline at once, with no further grace
 */
public record PresenceChangedElsewhere(String user, boolean nodeLeft) {
}
