package io.huddle.streaming.domain.room;

import java.time.Instant;
import java.util.Optional;

/**
 * What decides whether a user may publish to a room, read together: whether the room is archived, whether the
 * user is a member, and the user's mute in the room if any.
 *
 * @param archived  the room is archived
 * @param member    the user is a member of the room
 * @param muted     the user has a mute in the room (active or expired: see {@link #mutedAt})
 * @param muteUntil when that mute ends; empty for a mute without end (or no mute)
 */
public record PublishStanding(boolean archived, boolean member, boolean muted, Optional<Instant> muteUntil) {

    /** Whether the user's mute is in force at {@code now}. */
    public boolean mutedAt(Instant now) {
        return muted && muteUntil.map(until -> until.isAfter(now)).orElse(true);
    }
}
