package io.huddle.streaming.infrastructure.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.boot.Metadata;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the database schema up to date with the versioned migrations under {@code db/migration} (and the
 * database's own under {@code db/vendor/postgresql} or {@code db/vendor/h2}, sharing one version sequence) before
 * Hibernate validates its mapping against it. Runs once per persistence-unit start, on the data source the
 * persistence unit uses, so every server and database (H2, PostgreSQL) evolves the same way. A database that
 * cannot be reached or migrated stops the application with a message naming the problem.
 */
public class FlywayMigrationIntegrator implements Integrator {

    private static final Logger LOG = Logger.getLogger(FlywayMigrationIntegrator.class.getName());

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry()
                .requireService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        try {
            Flyway flyway = Flyway.configure(FlywayMigrationIntegrator.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(sessionFactory))
                    .load();
            MigrateResult result = flyway.migrate();
            String version = flyway.info().current() == null ? "empty" : flyway.info().current().getVersion().getVersion();
            LOG.info(() -> "Huddle database schema is at version " + version + " (" + result.migrationsExecuted
                    + " migration(s) applied now)");
        } catch (RuntimeException e) {
            throw new IllegalStateException("Huddle cannot use its database (data source jdbc/huddle): "
                    + rootMessage(e) + ". Check huddle.db.url, huddle.db.user and huddle.db.password in the server"
                    + " configuration, and that the database is running.", e);
        }
    }

    /**
     * The folder of the database's own migrations under {@code db/vendor}: {@code postgresql}, or {@code h2} for H2
     * and any other database (whose migrations there must then be plain SQL).
     */
    private static String vendor(SessionFactoryImplementor sessionFactory) {
        return sessionFactory.getJdbcServices().getDialect() instanceof PostgreSQLDialect ? "postgresql" : "h2";
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // Nothing to release: the data source belongs to the server.
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (cause: " + message + ")";
    }
}
