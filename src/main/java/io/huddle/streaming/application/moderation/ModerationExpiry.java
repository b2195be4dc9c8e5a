package io.huddle.streaming.application.moderation;

import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.config.StreamingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;

/**
 * Clears expired bans and mutes every {@code streaming.moderation.expiry-check}, announcing each lifted ban to
 * the room. (An expired ban or mute stops counting the moment it expires; this only tidies up and tells the
 * room.) Stops with the application.
 */
@ApplicationScoped
public class ModerationExpiry {

    @Inject
    ModerationService moderation;

    @Inject
    StreamingConfig config;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        task = Scheduled.every(config.moderationExpiryCheck(), "clearing expired bans and mutes", moderation::liftExpired);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
