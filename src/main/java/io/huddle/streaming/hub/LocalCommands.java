package io.huddle.streaming.hub;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a client command for a connection this node holds, on behalf of another node that received it
 * ({@link CommandRelay}). Implemented by the transport whose connections take commands out of band (SSE).
 * Thread-safe.
 */
public interface LocalCommands {

    /**
     * Runs {@code command} of {@code user} for {@code connection}; empty when this node holds no such connection of
     * that user.
     */
    Optional<CompletableFuture<CommandRelay.Answer>> run(String connection, String user, String command);
}
