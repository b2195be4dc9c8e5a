package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ClusterConnectionList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The {@link ClusterConnectionList} of a single node: there are no other nodes. Thread-safe. */
@ApplicationScoped
@Typed(SingleNodeConnectionList.class)
public class SingleNodeConnectionList implements ClusterConnectionList {

    @Override
    public CompletableFuture<Listing> others(Optional<String> user) {
        return CompletableFuture.completedFuture(Listing.NONE);
    }
}
