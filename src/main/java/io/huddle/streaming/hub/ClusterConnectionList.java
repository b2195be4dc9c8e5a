package io.huddle.streaming.hub;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The connections open on the other nodes of the cluster, asked of each node when an administrator lists them.
 * A single node has no others. Thread-safe.
 */
public interface ClusterConnectionList {

    /**
     * What the other nodes answered.
     *
     * @param connections the connections they reported
     * @param unanswered  the nodes known to be in the cluster that did not answer in time, by id
     */
    record Listing(List<ConnectionSummary> connections, List<String> unanswered) {
        public Listing {
            connections = List.copyOf(connections);
            unanswered = List.copyOf(unanswered);
        }

        public static final Listing NONE = new Listing(List.of(), List.of());
    }

    /**
     * Asks every other node for its connections (of {@code user} only, if given). Completes, never exceptionally,
     * when all have answered or the time allowed for an answer has passed, with what arrived until then.
     */
    CompletableFuture<Listing> others(Optional<String> user);
}
