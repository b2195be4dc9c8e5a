package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.ClusterChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.Set;

/** The {@link ClusterChannels} of a single node: there are no other nodes. Thread-safe. */
@ApplicationScoped
@Typed(SingleNodeChannels.class)
public class SingleNodeChannels implements ClusterChannels {

    @Override
    public Set<String> elsewhere(String user) {
        return Set.of();
    }

    @Override
    public void here(String user, Set<String> channels) {
        // Nobody to tell.
    }

    @Override
    public void deleted(String channel) {
        // Nobody to tell.
    }
}
