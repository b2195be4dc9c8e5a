package io.huddle.streaming.application.messaging;

import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.NewMessage;
import io.huddle.streaming.domain.room.PublishStanding;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A room's slow mode: a member below moderator posts at most once per the room's interval. The member's last post
 * time is kept with the membership and claimed in the publish's transaction (a rolled-back publish gives it back),
 * so the interval holds across connections and nodes. Thread-safe.
 */
@ApplicationScoped
public class SlowMode {

    @Inject
    RoomRepository rooms;

    @Inject
    MessageRepository messages;

    @Inject
    StreamingConfig config;

    private final Clock clock = Clock.systemUTC();

    /**
     * Claims the member's next post for {@code draft}, or throws {@code rate_limited} with the time left until the
     * member may post again. A repeat of a stored message (same idempotency key) passes: it is answered with the
     * original, not stored again. Moderators and above, and rooms without slow mode, pass without a write.
     */
    void claim(PublishStanding standing, NewMessage draft) {
        if (standing.slowModeMs() <= 0 || standing.exempt()) {
            return;
        }
        Duration interval = Duration.ofMillis(standing.slowModeMs());
        Instant now = clock.instant();
        Optional<Instant> previous = rooms.claimPost(draft.room(), draft.user(), interval, now);
        if (previous.isEmpty()) {
            return;
        }
        if (config.historyEnabled() && messages.repeatOf(draft, now.minus(config.dedupWindow())).isPresent()) {
            return;
        }
        long retryAfterMs = Math.max(1, Duration.between(now, previous.get().plus(interval)).toMillis());
        throw new HuddleException(ErrorCode.RATE_LIMITED, "room '" + draft.room() + "' is in slow mode: one message per "
                + standing.slowModeMs() + " ms", retryAfterMs);
    }
}
