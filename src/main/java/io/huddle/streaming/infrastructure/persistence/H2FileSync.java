package io.huddle.streaming.infrastructure.persistence;

import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The function {@link H2FileFlusher} registers in an H2 database (as {@code huddle_sync}): it forces the database
 * file to disk and then lets H2 reuse the space of a dead chunk {@code retentionMs} after it died, instead of H2's
 * default 45 s (which stands for the time an operating system may keep written data unflushed). H2 calls it inside
 * the database with its own connection; the engine's classes belong to the server's JDBC library, which the
 * application does not see, so they are reached by reflection, through public methods of H2 2.3
 * ({@code JdbcConnection.getSession}, {@code SessionLocal.getDatabase}, {@code Database.getStore},
 * {@code Store.getMvStore}, {@code MVStore.sync}, {@code MVStore.setRetentionTime}).
 */
public final class H2FileSync {

    private H2FileSync() {
    }

    /**
     * Forces everything H2 has written to the file onto the disk, then sets its chunk retention to
     * {@code retentionMs}; returns the retention that was in effect before.
     */
    public static int sync(Connection connection, int retentionMs) throws SQLException {
        try {
            Object store = call(call(call(call(connection, "getSession"), "getDatabase"), "getStore"), "getMvStore");
            call(store, "sync");
            int before = (Integer) call(store, "getRetentionTime");
            if (before != retentionMs) {
                store.getClass().getMethod("setRetentionTime", int.class).invoke(store, retentionMs);
            }
            return before;
        } catch (InvocationTargetException e) {
            throw new SQLException("H2 file sync failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SQLException("H2 file sync is not available in this H2 version: " + e, e);
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }
}
