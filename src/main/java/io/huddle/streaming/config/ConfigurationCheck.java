package io.huddle.streaming.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

import java.util.logging.Logger;

/**
 * Reads and checks the {@code streaming.*} configuration while the deployment is validated: an invalid value
 * is reported as a deployment problem, so the application fails to start with a message naming the property,
 * instead of failing on the first request. A CDI portable extension, registered in {@code META-INF/services}.
 */
public class ConfigurationCheck implements Extension {

    private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

    void check(@Observes AfterDeploymentValidation validation, BeanManager beans) {
        try {
            StreamingConfig config = beans.createInstance().select(StreamingConfig.class).get();
            if (!config.problems().isEmpty()) {
                validation.addDeploymentProblem(new IllegalStateException(
                        "Invalid Huddle configuration: " + String.join("; ", config.problems())));
                return;
            }
            String node = config.nodeId();
            boolean devUsers = config.devUsers();
            LOG.info(() -> "Huddle node " + node + " configured (development identities "
                    + (devUsers ? "ON: clients may name themselves with ?user=" : "off") + ")");
        } catch (RuntimeException e) {
            validation.addDeploymentProblem(e);
        }
    }
}
