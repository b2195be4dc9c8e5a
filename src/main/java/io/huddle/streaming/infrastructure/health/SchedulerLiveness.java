package io.huddle.streaming.infrastructure.health;

import io.huddle.streaming.application.session.Heartbeats;
import io.huddle.streaming.config.StreamingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;

/**
 * Liveness {@code heartbeats}: the round that checks every connection's heartbeat (and closes silent ones) ran
 * within the last {@value #ROUNDS} heartbeat intervals. If the server's scheduler stopped running it, connections
 * that died silently would be kept forever: restarting the server is the cure.
 */
@Liveness
@ApplicationScoped
public class SchedulerLiveness implements HealthCheck {

    static final int ROUNDS = 3;

    @Inject
    Heartbeats heartbeats;

    @Inject
    StreamingConfig config;

    @Override
    public HealthCheckResponse call() {
        Duration since = heartbeats.sinceLastRound();
        Duration allowed = config.heartbeatInterval().multipliedBy(ROUNDS);
        return HealthCheckResponse.named("heartbeats").status(since.compareTo(allowed) <= 0)
                .withData("lastRoundMsAgo", since.toMillis()).withData("allowedMs", allowed.toMillis()).build();
    }
}
