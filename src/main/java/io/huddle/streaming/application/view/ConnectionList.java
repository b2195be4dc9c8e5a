package io.huddle.streaming.application.view;

import java.util.List;

/**
 * The connections open in the cluster, as an administrator lists them. Immutable.
 *
 * @param connections the connections of every node that answered, the oldest first
 * @param unanswered  the nodes of the cluster that did not answer in time (their connections are missing), by id
 */
public record ConnectionList(List<ConnectionView> connections, List<String> unanswered) {

    public ConnectionList {
        connections = List.copyOf(connections);
        unanswered = List.copyOf(unanswered);
    }
}
