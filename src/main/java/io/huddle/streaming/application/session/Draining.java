package io.huddle.streaming.application.session;

import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.protocol.Frames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Taking this node out of service without losing anything: once draining starts, the node reports not ready
 * (so a load balancer stops sending it clients) and refuses new connections with a {@code system draining} frame
 * and close code 1001; after the drain delay it sends the same to every open connection, whose clients reconnect
 * to another node and resume where they were. Publishes already accepted are unaffected. Draining can be stopped,
 * which makes the node ready again. Thread-safe.
 */
@ApplicationScoped
public class Draining {

    private static final Logger LOG = Logger.getLogger(Draining.class.getName());
    private static final String REASON = "server draining";

    @Inject
    ConnectionRegistry registry;

    @Inject
    StreamingConfig config;

    private volatile Status status = Status.SERVING;
    private ScheduledFuture<?> closing;

    /**
     * Whether the node drains, and if so since when and when its open connections are (or were) closed.
     *
     * @param draining whether new connections are refused
     * @param since    when draining started, if it did
     * @param closesAt when open connections are closed, if draining
     */
    public record Status(boolean draining, Optional<Instant> since, Optional<Instant> closesAt) {

        static final Status SERVING = new Status(false, Optional.empty(), Optional.empty());
    }

    /**
     * Starts draining: not ready and refusing new connections now, closing the open ones after {@code delay}
     * (the configured {@code streaming.drain.delay} if empty). Already draining: changes nothing.
     */
    public synchronized Status start(Optional<Duration> delay) {
        if (status.draining()) {
            return status;
        }
        Duration wait = delay.orElse(config.drainDelay());
        Instant now = Instant.now();
        status = new Status(true, Optional.of(now), Optional.of(now.plus(wait)));
        closing = Scheduled.after(wait, "closing the connections of a draining node", this::closeOpen);
        LOG.info(() -> "node " + config.nodeId() + " is draining: not ready, refusing new connections, closing its "
                + registry.count() + " open connections in " + wait.toMillis() + " ms");
        return status;
    }

    /** Stops draining: the node is ready and admits connections again. Connections already closed stay closed. */
    public synchronized Status stop() {
        if (closing != null) {
            closing.cancel(false);
            closing = null;
        }
        if (status.draining()) {
            LOG.info(() -> "node " + config.nodeId() + " stopped draining and admits connections again");
        }
        status = Status.SERVING;
        return status;
    }

    /** Whether the node drains now. */
    public boolean draining() {
        return status.draining();
    }

    /** The state now. */
    public Status status() {
        return status;
    }

    /** Refuses {@code connection}, which opened while the node drains. */
    void refuse(Connection connection) {
        goAway(connection);
    }

    private void closeOpen() {
        int closed = 0;
        for (Connection connection : registry.all()) {
            goAway(connection);
            closed++;
        }
        int count = closed;
        LOG.info(() -> "node " + config.nodeId() + " closed " + count + " connections while draining");
    }

    private static void goAway(Connection connection) {
        try {
            connection.send(OutboundFrame.of("system", Frames.system("draining", REASON)));
            connection.close(CloseCodes.GOING_AWAY, REASON);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "could not close connection " + connection.id() + " while draining");
        }
    }

    @PreDestroy
    synchronized void cancel() {
        if (closing != null) {
            closing.cancel(false);
        }
    }
}
