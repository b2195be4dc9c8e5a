package io.huddle.streaming.hub;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a client command for a connection that another node of the cluster holds (an SSE stream whose commands
 * were posted to this node): the command goes to that node, which runs it as if it had been posted there and
 * sends the answer back. Implementations: none for a single node, over the cluster's messaging otherwise.
 * Thread-safe.
 */
public interface CommandRelay {

    /** An answer to a relayed command: the HTTP status and the JSON body ({@code ack} or {@code error}). */
    record Answer(int status, String json) {
    }

    /**
     * Relays {@code command} of {@code user} for {@code connection}. Completes with the answer, with empty when no
     * node holds such a connection of that user, or exceptionally with a {@link java.util.concurrent.TimeoutException}
     * when the node holding it did not answer in time. Never blocks.
     */
    CompletableFuture<Optional<Answer>> relay(String connection, String user, String command);
}
