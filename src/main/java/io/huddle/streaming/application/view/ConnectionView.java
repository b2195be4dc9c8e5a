package io.huddle.streaming.application.view;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An open connection as an administrator sees it. Immutable.
 *
 * @param id         the connection's id (as its {@code welcome} frame gave it)
 * @param user       whose it is
 * @param transport  {@code websocket} or {@code sse}
 * @param node       the node it is open on
 * @param openedAt   when it opened
 * @param lastSeen   when the client last sent anything
 * @param rooms      the rooms whose frames it receives (its user's rooms), by id
 * @param channels   the channels it subscribed to, by name
 * @param client     what the client said about itself when it connected, empty if nothing
 */
public record ConnectionView(String id, String user, String transport, String node, Instant openedAt,
                             Instant lastSeen, List<String> rooms, List<String> channels, String client) {

    public ConnectionView {
        Objects.requireNonNull(id, "id");
        rooms = List.copyOf(rooms);
        channels = List.copyOf(channels);
    }
}
