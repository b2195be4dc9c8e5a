package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.room.RoomBan;

import java.time.Instant;
import java.util.Optional;

/**
 * A ban as it was when read. Immutable.
 *
 * @param room     the room's id
 * @param user     the banned user
 * @param reason   why, if given
 * @param bannedBy who banned (a user id or {@code system})
 * @param at       when
 * @param until    when it lifts by itself; empty for never
 */
public record BanView(String room, String user, Optional<String> reason, String bannedBy, Instant at,
                      Optional<Instant> until) {

    /** A snapshot of {@code ban}. */
    public static BanView of(RoomBan ban) {
        return new BanView(ban.room().value(), ban.user(), ban.reason(), ban.bannedBy(), ban.createdAt(), ban.until());
    }
}
