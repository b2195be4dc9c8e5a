package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.room.RoomInvite;

import java.time.Instant;
import java.util.Optional;

/**
 * An invite code as it was when read. Immutable.
 *
 * @param code      the code to give to invitees
 * @param room      the room's id
 * @param createdBy who created it
 * @param createdAt when
 * @param expiresAt when it stops working, if ever
 * @param maxUses   how many may use it, if limited
 * @param uses      how many have used it
 */
public record InviteView(String code, String room, String createdBy, Instant createdAt, Optional<Instant> expiresAt,
                         Optional<Integer> maxUses, int uses) {

    /** A snapshot of {@code invite}. */
    public static InviteView of(RoomInvite invite) {
        return new InviteView(invite.code(), invite.room().value(), invite.createdBy(), invite.createdAt(),
                invite.expiresAt(), invite.maxUses(), invite.uses());
    }
}
