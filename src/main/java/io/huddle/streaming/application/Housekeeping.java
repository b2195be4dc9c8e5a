package io.huddle.streaming.application;

import io.huddle.streaming.application.presence.PresenceService;
import io.huddle.streaming.application.session.RateLimiter;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.PresenceTracker;
import io.huddle.streaming.hub.RoomIndex;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * Keeps what this node remembers in memory bounded by what is live, whatever the churn of users over a day:
 * every {@code streaming.presence.cleanup-interval} it forgets the presence of users gone for longer than the
 * presence grace (a chosen status is remembered for {@code streaming.presence.remember-choice}), the rate buckets
 * that have filled up again, and the rooms no connection of this node is in. {@link #memory()} reports the sizes.
 * Thread-safe.
 */
@ApplicationScoped
public class Housekeeping {

    /** How long after the grace a gone user is still kept, so the offline announcement still shows when they left. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    @Inject
    StreamingConfig config;

    @Inject
    PresenceTracker tracker;

    @Inject
    PresenceService presence;

    @Inject
    RateLimiter limiter;

    @Inject
    RoomIndex rooms;

    @Inject
    ConnectionRegistry registry;

    @Inject
    AfterCommit afterCommit;

    private ScheduledFuture<?> task;

    /**
     * What this node keeps in memory, counted: connections, users whose presence is kept, users whose last
     * presence announcement is kept, users with a rate bucket, rooms whose members are kept, and room order keys
     * in use by committing transactions.
     */
    public record Memory(int connections, int presenceUsers, int announcedUsers, int rateLimitedUsers,
                         int rooms, int orderKeys) {
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        task = Scheduled.every(config.presenceCleanupInterval(), "forgetting what is no longer in use", this::sweep);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** The sizes now. */
    public Memory memory() {
        return new Memory(registry.count(), tracker.size(), presence.announcedUsers(), limiter.trackedUsers(),
                rooms.size(), afterCommit.orderKeysInUse());
    }

    private void sweep() {
        Instant now = Instant.now();
        tracker.forgetGone(now.minus(config.presenceGrace()).minus(MARGIN), now.minus(config.presenceRememberChoice()));
        limiter.forgetFull();
        rooms.forgetUnwatched(user -> !registry.ofUser(user).isEmpty());
    }
}
