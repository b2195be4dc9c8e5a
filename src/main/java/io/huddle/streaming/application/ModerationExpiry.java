package io.huddle.streaming.application;

import io.huddle.streaming.config.StreamingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Clears expired bans and mutes every {@code streaming.moderation.expiry-check}, announcing each lifted ban to
 * the room. (An expired ban or mute stops counting the moment it expires; this only tidies up and tells the
 * room.) Runs on the server's managed scheduler; stops with the application.
 */
@ApplicationScoped
public class ModerationExpiry {

    private static final Logger LOG = Logger.getLogger(ModerationExpiry.class.getName());

    @Inject
    ModerationService moderation;

    @Inject
    StreamingConfig config;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) throws NamingException {
        ManagedScheduledExecutorService scheduler =
                InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
        long period = config.moderationExpiryCheck().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::liftExpired, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void liftExpired() {
        try {
            int lifted = moderation.liftExpired();
            if (lifted > 0) {
                LOG.fine(() -> lifted + " expired ban(s) lifted");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "clearing expired bans and mutes failed; next try in "
                    + config.moderationExpiryCheck(), e);
        }
    }
}
