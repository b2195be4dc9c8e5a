package io.huddle.streaming.infrastructure.health;

import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.BrokerStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code cluster}: on a cluster node, the node receives from the cluster's topic (its subscription to
 * the broker is up); a single node, which has no broker, is always up here.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    @Inject
    Broker broker;

    @Override
    public HealthCheckResponse call() {
        BrokerStats stats = broker.stats();
        return HealthCheckResponse.named("cluster").status(!stats.clustered() || stats.subscribed())
                .withData("clustered", stats.clustered()).withData("subscribed", stats.subscribed())
                .withData("reconnects", stats.reconnects()).build();
    }
}
