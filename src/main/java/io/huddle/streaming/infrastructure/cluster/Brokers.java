package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.ClusterChannels;
import io.huddle.streaming.hub.ClusterConnectionList;
import io.huddle.streaming.hub.ClusterConnections;
import io.huddle.streaming.hub.ClusterRates;
import io.huddle.streaming.hub.CommandRelay;
import io.huddle.streaming.hub.PresenceTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Chooses the {@link Broker}, the {@link ClusterConnections}, the {@link ClusterChannels}, the {@link ClusterRates}, the
 * {@link PresenceTracker} and the {@link CommandRelay}: {@link JmsBroker} when {@code streaming.cluster.enabled} is true (then it subscribes
 * to the topic as the application starts, before any connection opens), {@link LocalBroker} otherwise. Neither is
 * created when it is not chosen, so a single node needs no messaging resources at all.
 */
@ApplicationScoped
public class Brokers {

    @Inject
    StreamingConfig config;

    @Inject
    Instance<LocalBroker> local;

    @Inject
    Instance<JmsBroker> cluster;

    @Inject
    Instance<SingleNodeConnections> single;

    @Inject
    Instance<LocalPresenceTracker> localPresence;

    @Inject
    Instance<SingleNodeCommandRelay> noRelay;

    @Inject
    Instance<SingleNodeRates> noRates;

    @Inject
    Instance<SingleNodeChannels> noChannels;

    @Inject
    Instance<SingleNodeConnectionList> noListings;

    @Produces
    @ApplicationScoped
    Broker broker() {
        return config.clusterEnabled() ? cluster.get() : local.get();
    }

    @Produces
    @ApplicationScoped
    ClusterConnections connections() {
        return config.clusterEnabled() ? cluster.get().connections() : single.get();
    }

    @Produces
    @ApplicationScoped
    PresenceTracker presence() {
        return config.clusterEnabled() ? cluster.get().presence() : localPresence.get();
    }

    @Produces
    @ApplicationScoped
    CommandRelay commands() {
        return config.clusterEnabled() ? cluster.get().commands() : noRelay.get();
    }

    @Produces
    @ApplicationScoped
    ClusterRates rates() {
        return config.clusterEnabled() ? cluster.get().rates() : noRates.get();
    }

    @Produces
    @ApplicationScoped
    ClusterChannels channels() {
        return config.clusterEnabled() ? cluster.get().channels() : noChannels.get();
    }

    @Produces
    @ApplicationScoped
    ClusterConnectionList listings() {
        return config.clusterEnabled() ? cluster.get().listings() : noListings.get();
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.clusterEnabled()) {
            cluster.get().start();
        }
    }
}
