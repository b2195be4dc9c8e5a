package io.huddle.streaming.domain.room;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What decides whether a user may publish to a room, read together: whether the room is archived or locked, its
 * slow mode, whether the user is a member and with which role, and the user's mute in the room if any.
 *
 * @param archived   the room is archived
 * @param role       the user's role, empty when the user is not a member
 * @param muted      the user has a mute in the room (active or expired: see {@link #mutedAt})
 * @param muteUntil  when that mute ends; empty for a mute without end (or no mute)
 * @param locked     the room is locked: only moderators and above publish
 * @param slowModeMs the room's slow mode interval in milliseconds, 0 when off
 * @param blocked    the room is a direct conversation and one of its two users blocks the other
 */
public record PublishStanding(boolean archived, Optional<Role> role, boolean muted, Optional<Instant> muteUntil,
                              boolean locked, int slowModeMs, boolean blocked) {

    public PublishStanding {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(muteUntil, "muteUntil");
    }

    /** Whether the user is a member of the room. */
    public boolean member() {
        return role.isPresent();
    }

    /** Whether the user's mute is in force at {@code now}. */
    public boolean mutedAt(Instant now) {
        return muted && muteUntil.map(until -> until.isAfter(now)).orElse(true);
    }

    /** Whether the room's lock and slow mode leave this member alone (moderators and above). */
    public boolean exempt() {
        return role.map(r -> r.atLeast(Role.MODERATOR)).orElse(false);
    }
}
