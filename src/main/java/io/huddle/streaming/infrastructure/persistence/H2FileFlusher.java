package io.huddle.streaming.infrastructure.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forces an embedded H2 file database to disk every {@value #PERIOD_MS} ms, and so lets H2 reuse the space of dead
 * chunks after {@value #RETENTION_MS} ms instead of its default 45 s. H2 writes each commit as a new chunk and
 * never forces its file to disk ({@code WRITE_DELAY=0}, needed so that a commit is in the file before it returns,
 * also turns off its background writer); it may overwrite a chunk nothing refers to any more only after its
 * retention time, which must be longer than the operating system may take to write the chunks that replaced it.
 * Measured with H2's 45 s, two minutes of saturated publishing left 3.2 GB of file for 0.35 GB of live data; with the
 * space reused after a second, 1.1 GB (README, <em>Durability</em>). With this running, the newer chunks are on the
 * disk at most a second after they were written, so a retention of {@value #RETENTION_MS} ms keeps the file whole
 * through a power loss, and a power loss loses at most the last second of commits.
 * <p>
 * Only for H2 file databases; nothing runs for PostgreSQL or an in-memory H2. The retention is shortened by the
 * function only after its first forced write. If the function cannot be registered (a user without H2's admin
 * right), a warning says so and H2 keeps its own behaviour; a failing run is logged once until one works again.
 */
@ApplicationScoped
public class H2FileFlusher {

    private static final Logger LOG = Logger.getLogger(H2FileFlusher.class.getName());
    static final long PERIOD_MS = 1000;
    static final int RETENTION_MS = 5000;
    static final String FUNCTION = "huddle_sync";

    @Resource(lookup = "jdbc/huddle")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;
    /** Whether the last run failed (runs never overlap: a fixed delay). */
    private volatile boolean failing;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try (Connection connection = dataSource.getConnection()) {
            if (!isEmbeddedH2File(connection.getMetaData().getURL())) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                // Registered anew at every start: H2 keeps the function's class, which belongs to this deployment.
                statement.execute("drop alias if exists " + FUNCTION);
                statement.execute("create alias " + FUNCTION + " for '" + H2FileSync.class.getName() + ".sync'");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "H2 file flushing is off: H2 keeps dead chunks for 45 s and its file grows"
                    + " faster under load: " + e.getMessage(), e);
            return;
        }
        task = scheduler.scheduleWithFixedDelay(this::flush, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether {@code url} opens an H2 file in this JVM (not in memory, not over the network). */
    static boolean isEmbeddedH2File(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:mem:") && !u.startsWith("jdbc:h2:tcp:")
                && !u.startsWith("jdbc:h2:ssl:") && !u.startsWith("jdbc:h2:zip:");
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void flush() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement call = connection.prepareStatement("call " + FUNCTION + "(?)")) {
            call.setInt(1, RETENTION_MS);
            call.execute();
            if (failing) {
                failing = false;
                LOG.info("H2 file flushing works again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "H2 file flushing failed (tried again every " + PERIOD_MS
                        + " ms, logged again once it works); until it works, a power loss may damage the file: "
                        + e.getMessage(), e);
            }
        }
    }
}
