package io.huddle.streaming.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness {@code database}: a connection from Huddle's pool answers a validity check within
 * {@value #TIMEOUT_SECONDS} seconds. The check runs on the server's managed executor so that a pool waiting for a
 * connection (or a database that does not answer) makes the probe report down in time instead of hanging it.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final int TIMEOUT_SECONDS = 3;

    @Resource(lookup = "jdbc/huddle")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<String> probe = CompletableFuture.supplyAsync(this::probe, executor);
        String problem;
        try {
            problem = probe.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            probe.cancel(true);
            problem = "no answer within " + TIMEOUT_SECONDS + " s";
        } catch (ExecutionException e) {
            problem = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        return problem == null ? HealthCheckResponse.up("database")
                : HealthCheckResponse.named("database").down().withData("problem", problem).build();
    }

    /** Null if the database answers, what went wrong otherwise. */
    private String probe() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
