package io.huddle.streaming.application.session;

import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.protocol.Jsons;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per connection opened and per connection closed, on the logger {@value #NAME} at level {@code FINE}
 * (off unless an operator turns it on, e.g. Liberty's {@code traceSpecification="io.huddle.streaming.connections=fine"}).
 * Each line is {@code key=value} pairs after a fixed event name, free text as JSON string literals, so a log
 * shipper can parse it: {@code connection opened id=… user=… transport=websocket
 * node=… client="…"} and {@code connection closed id=… user=… transport=… node=… durationMs=… code=1000
 * reason="…"}. Nothing is formatted while the level is off.
 */
final class ConnectionLog {

    /** The logger's name. */
    static final String NAME = "io.huddle.streaming.connections";

    private static final Logger LOG = Logger.getLogger(NAME);

    private ConnectionLog() {
    }

    static void opened(Connection connection, String node) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("connection opened id=" + connection.id() + " user=" + Jsons.quoted(connection.user()) + " transport="
                    + connection.transport() + " node=" + Jsons.quoted(node) + " client=" + Jsons.quoted(connection.client()));
        }
    }

    static void closed(Connection connection, String node, int code, String reason) {
        if (LOG.isLoggable(Level.FINE)) {
            long millis = Duration.between(connection.openedAt(), Instant.now()).toMillis();
            LOG.fine("connection closed id=" + connection.id() + " user=" + Jsons.quoted(connection.user()) + " transport="
                    + connection.transport() + " node=" + Jsons.quoted(node) + " durationMs=" + millis + " code=" + code
                    + " reason=" + Jsons.quoted(reason));
        }
    }
}
