package io.huddle.streaming.application.session;

import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.protocol.CloseCodes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * Every {@code streaming.heartbeat.interval}: closes with 4408 each connection silent for longer than the
 * interval plus {@code streaming.heartbeat.timeout}, and sends every other one a heartbeat (a WebSocket ping,
 * an SSE comment line), which keeps proxies from closing idle streams and draws a pong from WebSocket clients.
 */
@ApplicationScoped
public class Heartbeats {

    @Inject
    ConnectionRegistry registry;

    @Inject
    StreamingConfig config;

    private ScheduledFuture<?> task;
    /** When the last round began ({@link System#nanoTime()}), or when the rounds were scheduled. */
    private volatile long lastRound = System.nanoTime();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        task = Scheduled.every(config.heartbeatInterval(), "heartbeats", this::beat);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * How long ago the last round began (or the rounds were scheduled): a value far above the interval means the
     * server's scheduler no longer runs them, and silent connections are never closed.
     */
    public Duration sinceLastRound() {
        return Duration.ofNanos(System.nanoTime() - lastRound);
    }

    void beat() {
        lastRound = System.nanoTime();
        Duration allowed = config.heartbeatInterval().plus(config.heartbeatTimeout());
        Instant deadline = Instant.now().minus(allowed);
        for (Connection connection : registry.all()) {
            if (connection.lastSeen().isBefore(deadline)) {
                connection.close(CloseCodes.HEARTBEAT_TIMEOUT, "no heartbeat for " + allowed.toSeconds() + " s");
            } else {
                connection.heartbeat();
            }
        }
    }
}
