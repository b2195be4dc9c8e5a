package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.room.RoomMute;

import java.time.Instant;
import java.util.Optional;

/**
 * A mute as it was when read. Immutable.
 *
 * @param room    the room's id
 * @param user    the muted user
 * @param mutedBy who muted (a user id or {@code system})
 * @param at      when
 * @param until   when it lifts by itself; empty for never
 */
public record MuteView(String room, String user, String mutedBy, Instant at, Optional<Instant> until) {

    /** A snapshot of {@code mute}. */
    public static MuteView of(RoomMute mute) {
        return new MuteView(mute.room().value(), mute.user(), mute.mutedBy(), mute.createdAt(), mute.until());
    }
}
