package io.huddle.streaming.infrastructure.health;

import io.huddle.streaming.application.session.Draining;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness {@code draining}: down from the moment the node starts draining, before it closes any connection. */
@Readiness
@ApplicationScoped
public class DrainReadiness implements HealthCheck {

    @Inject
    Draining draining;

    @Override
    public HealthCheckResponse call() {
        Draining.Status status = draining.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("draining").status(!status.draining());
        status.since().ifPresent(since -> response.withData("since", since.toString()));
        status.closesAt().ifPresent(at -> response.withData("closesAt", at.toString()));
        return response.build();
    }
}
