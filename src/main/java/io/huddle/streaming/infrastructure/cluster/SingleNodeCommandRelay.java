package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.CommandRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The {@link CommandRelay} of a single node: a connection it does not hold exists nowhere. Thread-safe. */
@ApplicationScoped
@Typed(SingleNodeCommandRelay.class)
public class SingleNodeCommandRelay implements CommandRelay {

    @Override
    public CompletableFuture<Optional<Answer>> relay(String connection, String user, String command) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
