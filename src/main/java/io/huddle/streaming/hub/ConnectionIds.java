package io.huddle.streaming.hub;

import java.util.Optional;
import java.util.UUID;

/**
 * Connection ids: a random UUID (not guessable) followed by {@code .} and the id of the node that holds the
 * connection, so that any node of a cluster knows where a connection lives without asking. Clients treat the id as
 * opaque. Stateless.
 */
public final class ConnectionIds {

    private ConnectionIds() {
    }

    /** A new id for a connection held by {@code node}. */
    public static String newId(String node) {
        return UUID.randomUUID() + "." + node;
    }

    /** The node named by {@code id}, if it is one of these ids. */
    public static Optional<String> nodeOf(String id) {
        int dot = id == null ? -1 : id.indexOf('.');
        return dot == 36 && dot + 1 < id.length() ? Optional.of(id.substring(dot + 1)) : Optional.empty();
    }
}
