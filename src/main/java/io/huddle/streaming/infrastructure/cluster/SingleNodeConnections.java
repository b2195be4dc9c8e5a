package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ClusterConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The {@link ClusterConnections} of a single node: there are no other nodes. Thread-safe. */
@ApplicationScoped
@Typed(SingleNodeConnections.class)
public class SingleNodeConnections implements ClusterConnections {

    @Override
    public int elsewhere(String user) {
        return 0;
    }

    @Override
    public void here(String user, int count) {
        // Nobody to tell.
    }
}
