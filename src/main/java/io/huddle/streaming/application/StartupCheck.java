package io.huddle.streaming.application;

import io.huddle.streaming.config.StreamingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.util.logging.Logger;

/**
 * Reads and checks the configuration as the application starts, so that a wrong setting stops the deployment
 * with a message naming it instead of failing on the first request.
 */
@ApplicationScoped
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event, StreamingConfig config) {
        LOG.info(() -> "Huddle node " + config.nodeId() + " started (development identities "
                + (config.devUsers() ? "ON: clients may name themselves with ?user=" : "off") + ")");
    }
}
