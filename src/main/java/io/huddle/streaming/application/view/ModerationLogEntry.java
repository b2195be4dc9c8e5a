package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.room.ModerationEntry;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of a room's moderation log. Immutable.
 *
 * @param id     increasing id, usable as a paging cursor
 * @param room   the room's id
 * @param actor  who acted (a user id or {@code system})
 * @param action what was done: {@code created}, {@code updated}, {@code archived}, {@code restored},
 *               {@code banned}, {@code unbanned}, {@code muted}, {@code unmuted}, {@code kicked}, {@code role},
 *               {@code owner}, {@code invite}, {@code invite_revoked}, {@code message_deleted}
 * @param target whom it was done to, if anyone
 * @param reason why, or a detail such as the new role
 * @param at     when
 */
public record ModerationLogEntry(long id, String room, String actor, String action, Optional<String> target,
                                 Optional<String> reason, Instant at) {

    /** A snapshot of {@code entry}. */
    public static ModerationLogEntry of(ModerationEntry entry) {
        return new ModerationLogEntry(entry.id(), entry.room().value(), entry.actor(), entry.action(),
                entry.target(), entry.reason(), entry.createdAt());
    }
}
