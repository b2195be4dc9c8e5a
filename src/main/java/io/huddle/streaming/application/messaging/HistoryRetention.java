package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.room.RoomId;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

/**
 * Every {@code streaming.history.cleanup-interval}: deletes messages older than {@code streaming.history.retention}
 * and, in each room holding more than {@code streaming.history.max-per-room}, the oldest beyond that. A
 * {@code join} with a {@code since} that reaches into deleted history answers {@code recovered: false}.
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());

    @Inject
    MessageRepository messages;

    @Inject
    Transactions tx;

    @Inject
    StreamingConfig config;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.historyEnabled()) {
            task = Scheduled.every(config.cleanupInterval(), "history retention", this::clean);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Runs one cleanup; returns how many messages were deleted. */
    public long clean() {
        long expired = tx.required(() -> messages.deleteCreatedBefore(Instant.now().minus(config.retention())));
        long trimmed = 0;
        for (RoomId room : tx.required(() -> messages.roomsOver(config.maxPerRoom()))) {
            trimmed += tx.required(() -> messages.trim(room, config.maxPerRoom()));
        }
        long surplus = trimmed;
        if (expired + surplus > 0) {
            LOG.info(() -> "history retention deleted " + expired + " expired and " + surplus + " surplus message(s)");
        }
        return expired + surplus;
    }
}
