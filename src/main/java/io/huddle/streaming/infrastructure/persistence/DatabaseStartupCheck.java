package io.huddle.streaming.infrastructure.persistence;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Refuses to start the application without a working database. When the deployment is validated it opens
 * one connection on {@code jdbc/huddle}; a failure is reported as a deployment problem, so the server logs
 * that the application failed to start, with a message naming the data source and the settings to check,
 * instead of starting and failing on every request. A CDI portable extension, registered in
 * {@code META-INF/services}.
 */
public class DatabaseStartupCheck implements Extension {

    private static final Logger LOG = Logger.getLogger(DatabaseStartupCheck.class.getName());
    private static final String DATA_SOURCE = "jdbc/huddle";
    private static final String SETTINGS = " Check huddle.db.url, huddle.db.datasource, huddle.db.user and"
            + " huddle.db.password in the server configuration, and that the database is running.";

    void check(@Observes AfterDeploymentValidation validation, BeanManager beans) {
        try (Connection connection = InitialContext.<DataSource>doLookup(DATA_SOURCE).getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
            LOG.info(() -> "Huddle database: " + product + " (" + DATA_SOURCE + ")");
        } catch (SQLException | NamingException | RuntimeException e) {
            validation.addDeploymentProblem(new IllegalStateException("Huddle cannot reach its database (data source "
                    + DATA_SOURCE + "): " + e.getMessage() + "." + SETTINGS, e));
        }
    }
}
