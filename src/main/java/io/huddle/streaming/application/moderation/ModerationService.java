package io.huddle.streaming.application.moderation;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MemberBanned;
import io.huddle.streaming.application.event.MemberMuted;
import io.huddle.streaming.application.event.MemberUnbanned;
import io.huddle.streaming.application.event.MemberUnmuted;
import io.huddle.streaming.application.rooms.RoomAccess;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.BanView;
import io.huddle.streaming.application.view.ModerationLogEntry;
import io.huddle.streaming.application.view.MuteView;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.domain.room.ModerationEntry;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.RoomBan;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomMute;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bans, mutes and the moderation log. Moderators and above act on users ranking below them; nobody bans or
 * mutes the owner. A ban ends the user's membership at once and keeps them out until it is lifted or expires;
 * a mute keeps a member from publishing. Expired bans and mutes stop counting the moment they expire, and
 * {@link #liftExpired()} clears them and announces the lifted bans. Thread-safe.
 */
@ApplicationScoped
public class ModerationService {

    @Inject
    Transactions tx;

    @Inject
    RoomRepository rooms;

    @Inject
    ModerationRepository moderation;

    @Inject
    RoomAccess access;

    @Inject
    AfterCommit afterCommit;

    private final Clock clock = Clock.systemUTC();

    /** Bans {@code user} (member or not), for {@code duration} or until lifted. */
    public BanView ban(Actor actor, RoomId id, String user, Optional<String> reason, Optional<Duration> duration) {
        return tx.required(() -> {
            access.roomForUpdate(id);
            Role actorRole = access.requireRole(actor, id, Role.MODERATOR, "ban users");
            Optional<RoomMember> target = rooms.member(id, UserId.of(user).value());
            target.ifPresent(member -> requireTargetable(actor, actorRole, member, "ban"));
            Instant now = clock.instant();
            String why = Validation.optionalText("reason", reason, Validation.MAX_REASON).orElse(null);
            RoomBan ban = new RoomBan(id, user, actor.name(), why, until(duration, now), now);
            target.ifPresent(rooms::removeMember);
            moderation.putBan(ban);
            moderation.log(new ModerationEntry(id, actor.name(), "banned", user, why, now));
            BanView view = BanView.of(ban);
            afterCommit.fire(new MemberBanned(id.value(), view));
            return view;
        });
    }

    /** Lifts the ban of {@code user}; {@code not_found} if there is none. */
    public void unban(Actor actor, RoomId id, String user) {
        tx.required(() -> {
            access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "lift bans");
            Instant now = clock.instant();
            boolean active = moderation.ban(id, user).filter(ban -> ban.activeAt(now)).isPresent();
            if (!moderation.removeBan(id, user) || !active) {
                throw new HuddleException(ErrorCode.NOT_FOUND, "'" + user + "' is not banned from room '" + id + "'");
            }
            moderation.log(new ModerationEntry(id, actor.name(), "unbanned", user, null, now));
            afterCommit.fire(new MemberUnbanned(id.value(), user, actor.name()));
        });
    }

    /** The bans in force. Moderator or above. */
    public List<BanView> bans(Actor actor, RoomId id) {
        return tx.required(() -> {
            access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "see bans");
            return moderation.activeBans(id, clock.instant()).stream().map(BanView::of).toList();
        });
    }

    /** Mutes member {@code user} for {@code duration} or until unmuted. */
    public MuteView mute(Actor actor, RoomId id, String user, Optional<Duration> duration) {
        return tx.required(() -> {
            access.room(id);
            Role actorRole = access.requireRole(actor, id, Role.MODERATOR, "mute members");
            requireTargetable(actor, actorRole, access.requireMember(id, user), "mute");
            Instant now = clock.instant();
            RoomMute mute = new RoomMute(id, user, actor.name(), until(duration, now), now);
            moderation.putMute(mute);
            moderation.log(new ModerationEntry(id, actor.name(), "muted", user, null, now));
            MuteView view = MuteView.of(mute);
            afterCommit.fire(new MemberMuted(id.value(), view));
            return view;
        });
    }

    /** Lifts the mute of {@code user}; {@code not_found} if there is none. */
    public void unmute(Actor actor, RoomId id, String user) {
        tx.required(() -> {
            access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "unmute members");
            if (!moderation.removeMute(id, user)) {
                throw new HuddleException(ErrorCode.NOT_FOUND, "'" + user + "' is not muted in room '" + id + "'");
            }
            moderation.log(new ModerationEntry(id, actor.name(), "unmuted", user, null, clock.instant()));
            afterCommit.fire(new MemberUnmuted(id.value(), user, actor.name()));
        });
    }

    /** The mutes in force. Moderator or above. */
    public List<MuteView> mutes(Actor actor, RoomId id) {
        return tx.required(() -> {
            access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "see mutes");
            return moderation.activeMutes(id, clock.instant()).stream().map(MuteView::of).toList();
        });
    }

    /** Whether {@code user} is muted in the room now. */
    public boolean isMuted(RoomId id, String user) {
        return tx.required(() -> {
            Instant now = clock.instant();
            return moderation.mute(id, user).filter(mute -> mute.activeAt(now)).isPresent();
        });
    }

    /** The newest {@code limit} (1 to 200) log lines, before the line {@code beforeId} if given. Moderator or above. */
    public List<ModerationLogEntry> log(Actor actor, RoomId id, Optional<Long> beforeId, int limit) {
        return tx.required(() -> {
            access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "read the moderation log");
            if (limit < 1 || limit > 200) {
                throw Validation.bad("field 'limit' must be between 1 and 200");
            }
            return moderation.logOf(id, beforeId, limit).stream().map(ModerationLogEntry::of).toList();
        });
    }

    /** Clears expired bans and mutes; fires {@code MemberUnbanned} (by {@code system}) for each ban lifted. */
    public int liftExpired() {
        return tx.required(() -> {
            List<RoomBan> lifted = moderation.removeExpired(clock.instant());
            for (RoomBan ban : lifted) {
                afterCommit.fire(new MemberUnbanned(ban.room().value(), ban.user(), Actor.system().name()));
            }
            return lifted.size();
        });
    }

    private void requireTargetable(Actor actor, Role actorRole, RoomMember target, String what) {
        if (target.role() == Role.OWNER) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "the owner cannot be " + (what.equals("ban") ? "banned" : "muted"));
        }
        access.requireAbove(actor, actorRole, target, what);
    }

    private static Instant until(Optional<Duration> duration, Instant now) {
        duration.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
            throw Validation.bad("a ban or mute lasts at least 1 second");
        });
        return duration.map(now::plus).orElse(null);
    }
}
