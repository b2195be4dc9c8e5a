package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ClusterRates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The {@link ClusterRates} of a single node: nothing is spent elsewhere. Thread-safe. */
@ApplicationScoped
@Typed(SingleNodeRates.class)
public class SingleNodeRates implements ClusterRates {

    @Override
    public void spent(String user) {
        // Nobody to tell.
    }

    @Override
    public int takeSpentElsewhere(String user) {
        return 0;
    }
}
