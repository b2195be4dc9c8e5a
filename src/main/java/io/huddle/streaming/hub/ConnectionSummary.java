package io.huddle.streaming.hub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a node tells about one of its open connections when an administrator lists the cluster's connections.
 * Plain values, so that it can cross the cluster. Immutable.
 *
 * @param id        the connection's id
 * @param user      whose it is
 * @param transport {@code websocket} or {@code sse}
 * @param node      the node it is open on
 * @param openedAt  when it opened
 * @param lastSeen  when the client last showed it is alive
 * @param channels  the channels it subscribed to, by name, sorted
 * @param client    what the client said about itself when it connected, empty if nothing
 */
public record ConnectionSummary(String id, String user, String transport, String node, Instant openedAt,
                                Instant lastSeen, List<String> channels, String client) {

    public ConnectionSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        channels = List.copyOf(channels);
    }

    /** The summary of {@code connection}, open on {@code node}, subscribed to {@code channels}. */
    public static ConnectionSummary of(Connection connection, String node, List<String> channels) {
        return new ConnectionSummary(connection.id(), connection.user(), connection.transport(), node,
                connection.openedAt(), connection.lastSeen(), channels.stream().sorted().toList(), connection.client());
    }
}
