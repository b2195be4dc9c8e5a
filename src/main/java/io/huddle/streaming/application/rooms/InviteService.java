package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.InviteView;
import io.huddle.streaming.domain.room.ModerationEntry;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomInvite;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Invite codes: created and revoked by moderators and above, redeemed when joining. A code admits users until it
 * expires, is revoked or reaches its maximum uses; uses are counted exactly under concurrent joins. Codes are
 * 128-bit random, URL-safe. Thread-safe.
 */
@ApplicationScoped
public class InviteService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Transactions tx;

    @Inject
    ModerationRepository moderation;

    @Inject
    RoomAccess access;

    private final Clock clock = Clock.systemUTC();

    /** A new invite to the room. Moderator or above. */
    public InviteView create(Actor actor, RoomId id, InviteOptions options) {
        return tx.required(() -> {
            access.requireOpen(access.room(id));
            access.requireRole(actor, id, Role.MODERATOR, "create invites");
            Validation.positive("maxUses", options.maxUses());
            options.expiresIn().filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
                throw Validation.bad("field 'expiresInSeconds' must be at least 1");
            });
            Instant now = clock.instant();
            RoomInvite invite = new RoomInvite(newCode(), id, actor.name(), options.expiresIn().map(now::plus).orElse(null),
                    options.maxUses().orElse(null), now);
            moderation.addInvite(invite);
            moderation.log(new ModerationEntry(id, actor.name(), "invite", null, null, now));
            return InviteView.of(invite);
        });
    }

    /** Revokes {@code code}; it admits nobody after this. Moderator or above. */
    public void revoke(Actor actor, RoomId id, String code) {
        tx.required(() -> {
            access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "revoke invites");
            RoomInvite invite = moderation.inviteForUpdate(code)
                    .filter(i -> i.room().equals(id) && !i.isRevoked())
                    .orElseThrow(() -> new HuddleException(ErrorCode.NOT_FOUND, "no such invite in room '" + id + "'"));
            Instant now = clock.instant();
            invite.revoke(now);
            moderation.log(new ModerationEntry(id, actor.name(), "invite_revoked", null, null, now));
        });
    }

    /** The room's invites that are not revoked. Moderator or above. */
    public List<InviteView> list(Actor actor, RoomId id) {
        return tx.required(() -> {
            access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "see invites");
            return moderation.invites(id).stream().map(InviteView::of).toList();
        });
    }

    /** Counts one use of {@code code} for {@code room}, or fails with {@code forbidden}. Joins the caller's transaction. */
    void redeem(RoomId room, String code, Instant now) {
        tx.required(() -> {
            RoomInvite invite = moderation.inviteForUpdate(code)
                    .filter(i -> i.room().equals(room))
                    .orElseThrow(() -> new HuddleException(ErrorCode.FORBIDDEN, "the invite is not valid for room '" + room + "'"));
            if (!invite.usableAt(now)) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "the invite has expired, been revoked or been used up");
            }
            invite.use();
        });
    }

    private static String newCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
