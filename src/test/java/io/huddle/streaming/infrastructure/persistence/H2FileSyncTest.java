package io.huddle.streaming.infrastructure.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the function {@link H2FileFlusher} registers against real H2 file databases written with WRITE_DELAY=0. */
class H2FileSyncTest {

    private static final int ROWS = 1000;
    private static final int COMMITS = 5_000;

    @TempDir
    Path dir;

    @Test
    void theRetentionIsShortenedOnlyByTheFunctionAndStaysSo() throws SQLException {
        try (Connection connection = open("retention")) {
            assertEquals(45_000, sync(connection, H2FileFlusher.RETENTION_MS), "H2's own retention comes first");
            assertEquals(H2FileFlusher.RETENTION_MS, sync(connection, H2FileFlusher.RETENTION_MS));
        }
    }

    @Test
    void aFileWhoseDeadChunksAreReusedStaysSmallAndKeepsEveryCommit() throws Exception {
        long kept = churn("kept", false);
        long reused = churn("reused", true);
        assertTrue(reused * 10 < kept, "with the function the file should be a fraction of H2's default: "
                + reused + " bytes against " + kept);
    }

    @Test
    void onlyAnEmbeddedH2FileIsLookedAfter() {
        assertTrue(H2FileFlusher.isEmbeddedH2File("jdbc:h2:file:/var/huddle/db/huddle;WRITE_DELAY=0"));
        assertTrue(H2FileFlusher.isEmbeddedH2File("jdbc:h2:./db/huddle"));
        assertFalse(H2FileFlusher.isEmbeddedH2File("jdbc:h2:mem:test"));
        assertFalse(H2FileFlusher.isEmbeddedH2File("jdbc:h2:tcp://db:9092/huddle"));
        assertFalse(H2FileFlusher.isEmbeddedH2File("jdbc:postgresql://db:5432/huddle"));
    }

    /** One commit per update, as Huddle's seq counters are written; returns the file's length. */
    private long churn(String name, boolean flushed) throws Exception {
        try (Connection connection = open(name)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table t (id int primary key, seq int, data varchar(200))");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into t values (?, 0, ?)")) {
                for (int id = 0; id < ROWS; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "x".repeat(150));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement update = connection.prepareStatement("update t set seq = seq + 1 where id = ?")) {
                for (int i = 0; i < COMMITS; i++) {
                    update.setInt(1, (i * 7919) % ROWS);
                    update.executeUpdate();
                    if (flushed && i % 500 == 0) {
                        // A retention of 0 so that the test needs no waiting: the server uses RETENTION_MS.
                        sync(connection, 0);
                    }
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*), sum(seq) from t")) {
                assertTrue(rows.next());
                assertEquals(ROWS, rows.getInt(1));
                assertEquals(COMMITS, rows.getLong(2));
            }
            return Files.size(dir.resolve(name + ".mv.db"));
        }
    }

    private Connection open(String name) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0", "sa", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("create alias " + H2FileFlusher.FUNCTION + " for '" + H2FileSync.class.getName() + ".sync'");
        }
        return connection;
    }

    private static int sync(Connection connection, int retentionMs) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement("call " + H2FileFlusher.FUNCTION + "(?)")) {
            call.setInt(1, retentionMs);
            try (ResultSet result = call.executeQuery()) {
                assertTrue(result.next());
                return result.getInt(1);
            }
        }
    }
}
