package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MemberJoined;
import io.huddle.streaming.application.event.MemberKicked;
import io.huddle.streaming.application.event.MemberLeft;
import io.huddle.streaming.application.event.MemberRoleChanged;
import io.huddle.streaming.application.event.OwnershipTransferred;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.MemberView;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.room.ModerationEntry;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who is in a room and with which role: joining (with the room's rules: bans, privacy and invites, max members,
 * the per-user room limit), leaving, kicking, role changes and ownership transfer. An owner who leaves hands the
 * room to the highest-ranking, longest-standing other member (who becomes owner); an owner alone in the room
 * cannot leave (delete the room instead). Each method is one transaction. Thread-safe.
 */
@ApplicationScoped
public class MembershipService {

    @Inject
    Transactions tx;

    @Inject
    RoomRepository rooms;

    @Inject
    ModerationRepository moderation;

    @Inject
    RoomAccess access;

    @Inject
    InviteService invites;

    @Inject
    AfterCommit afterCommit;

    @Inject
    StreamingConfig config;

    private final Clock clock = Clock.systemUTC();

    /**
     * Makes {@code user} a member. A user may join themselves as {@code member}; adding someone else, or
     * granting a higher role, takes a moderator (for members) or a role above the one granted. Joining again
     * returns the existing membership unchanged.
     */
    public MemberView join(Actor actor, RoomId id, String user, MemberOptions options) {
        return tx.required(() -> {
            Room room = access.openRoomForJoin(id);
            Optional<RoomMember> existing = rooms.member(id, user);
            if (existing.isPresent()) {
                return MemberView.of(existing.get());
            }
            boolean self = !actor.isTrusted() && actor.name().equals(user);
            if (options.role() == Role.OWNER) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "nobody joins as owner: transfer ownership instead");
            }
            boolean vouched = actor.isTrusted();
            if (room.isDirect()) {
                if (!room.directUsers().contains(user)) {
                    throw new HuddleException(ErrorCode.FORBIDDEN, "a direct conversation is for its two users only");
                }
                vouched = true;
            }
            if (!self || options.role() != Role.MEMBER) {
                Role actorRole = access.requireRole(actor, id, Role.MODERATOR, "add members");
                if (!actor.isTrusted() && !actorRole.above(options.role())) {
                    throw new HuddleException(ErrorCode.FORBIDDEN,
                            "a " + actorRole.wireName() + " cannot grant " + options.role().wireName());
                }
                vouched = true;
            }
            Instant now = clock.instant();
            access.requireNotBanned(id, user);
            if (options.invite().isPresent()) {
                invites.redeem(id, options.invite().get(), now);
            } else if (room.isPrivate() && !vouched) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "room '" + id + "' is private: joining takes an invite");
            }
            if (room.maxMembers().isPresent() && rooms.countMembers(id) >= room.maxMembers().get()) {
                throw new HuddleException(ErrorCode.ROOM_FULL,
                        "room '" + id + "' is full (" + room.maxMembers().get() + " members)");
            }
            rooms.lockUser(user);
            // A join of the same user that ran beside this one (the room is only shared) may have committed.
            Optional<RoomMember> joinedMeanwhile = rooms.member(id, user);
            if (joinedMeanwhile.isPresent()) {
                return MemberView.of(joinedMeanwhile.get());
            }
            if (rooms.countRoomsOf(user) >= config.roomsPerUser()) {
                throw new HuddleException(ErrorCode.LIMIT_EXCEEDED,
                        "'" + user + "' is already in " + config.roomsPerUser() + " rooms, the most allowed");
            }
            RoomMember member = new RoomMember(id, user, options.role(), now);
            // A new member has read what came before (the room's row is held: no message is stored meanwhile).
            member.readUpTo(room.lastSeq());
            rooms.addMember(member);
            MemberView view = MemberView.of(member);
            afterCommit.fire(new MemberJoined(id.value(), view));
            return view;
        });
    }

    /** {@code user} leaves (the acting user themselves, or the system). See the class for owners. */
    public void leave(Actor actor, RoomId id, String user) {
        tx.required(() -> {
            if (!actor.isTrusted() && !actor.name().equals(user)) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "a user can only leave by themselves: kick instead");
            }
            Room room = access.roomForUpdate(id);
            RoomMember member = access.member(id, user).orElseGet(() -> {
                access.requireNotBanned(id, user);
                return access.requireMember(id, user);
            });
            if (member.role() == Role.OWNER) {
                RoomMember heir = rooms.members(id).stream()
                        .filter(m -> !m.user().equals(user))
                        .min(Comparator.comparing(RoomMember::role).thenComparing(RoomMember::joinedAt))
                        .orElseThrow(() -> new HuddleException(ErrorCode.CONFLICT,
                                "the owner is the only member of room '" + id + "': delete the room instead"));
                handOver(actor, room, member, heir);
            }
            rooms.removeMember(member);
            afterCommit.fire(new MemberLeft(id.value(), user));
        });
    }

    /** Removes {@code user} from the room; they may join again. Moderator or above, ranking above the user. */
    public void kick(Actor actor, RoomId id, String user, Optional<String> reason) {
        tx.required(() -> {
            access.room(id);
            Role actorRole = access.requireRole(actor, id, Role.MODERATOR, "kick members");
            RoomMember target = access.requireMember(id, user);
            if (target.role() == Role.OWNER) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "the owner cannot be kicked");
            }
            access.requireAbove(actor, actorRole, target, "kick");
            String why = Validation.optionalText("reason", reason, Validation.MAX_REASON).orElse(null);
            rooms.removeMember(target);
            moderation.log(new ModerationEntry(id, actor.name(), "kicked", user, why, clock.instant()));
            afterCommit.fire(new MemberKicked(id.value(), user, actor.name(), Optional.ofNullable(why)));
        });
    }

    /** Gives {@code user} a new role below owner; the actor must rank above both the old and the new role. */
    public MemberView changeRole(Actor actor, RoomId id, String user, Role role) {
        return tx.required(() -> {
            access.room(id);
            if (role == Role.OWNER) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "ownership is given by transferring it");
            }
            Role actorRole = access.requireRole(actor, id, Role.ADMIN, "change roles");
            RoomMember target = access.requireMember(id, user);
            access.requireAbove(actor, actorRole, target, "change the role of");
            if (!actor.isTrusted() && !actorRole.above(role)) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "a " + actorRole.wireName() + " cannot grant " + role.wireName());
            }
            target.changeRole(role);
            moderation.log(new ModerationEntry(id, actor.name(), "role", user, role.wireName(), clock.instant()));
            afterCommit.fire(new MemberRoleChanged(id.value(), user, role, actor.name()));
            return MemberView.of(target);
        });
    }

    /** Makes member {@code newOwner} the owner; the former owner becomes an admin. Owner (or system) only. */
    public RoomView transferOwnership(Actor actor, RoomId id, String newOwner) {
        return tx.required(() -> {
            Room room = access.roomForUpdate(id);
            access.requireRole(actor, id, Role.OWNER, "transfer ownership");
            RoomMember heir = access.requireMember(id, newOwner);
            RoomMember owner = access.requireMember(id, room.owner());
            if (!heir.user().equals(owner.user())) {
                handOver(actor, room, owner, heir);
                owner.changeRole(Role.ADMIN);
            }
            return RoomView.of(room);
        });
    }

    /** The members of a room, highest role first. */
    public List<MemberView> members(RoomId id) {
        return members(Actor.system(), id);
    }

    /** The members of a room, highest role first, for its members and trusted actors. */
    public List<MemberView> members(Actor actor, RoomId id) {
        return tx.required(() -> {
            access.room(id);
            requireMember(actor, id, "see who is there");
            return rooms.members(id).stream().map(MemberView::of).toList();
        });
    }

    /**
     * Checks that {@code actor} is a member of the room (trusted actors always pass): {@code not_found} without
     * the room, {@code banned} or {@code forbidden} without membership.
     *
     * @param what the action, for the message, e.g. {@code "see who is there"}
     */
    public void requireMember(Actor actor, RoomId id, String what) {
        tx.required(() -> {
            access.room(id);
            if (actor.isUser() && rooms.member(id, actor.name()).isEmpty()) {
                throw access.notMember(id, actor.name(), "only members of room '" + id + "' may " + what);
            }
        });
    }

    /** The membership of {@code user}, if any. */
    public Optional<MemberView> member(RoomId id, String user) {
        return tx.required(() -> {
            return rooms.member(id, user).map(MemberView::of);
        });
    }

    private void handOver(Actor actor, Room room, RoomMember from, RoomMember to) {
        Instant now = clock.instant();
        to.changeRole(Role.OWNER);
        room.transferOwnership(to.user(), now);
        moderation.log(new ModerationEntry(room.id(), actor.name(), "owner", to.user(), "from " + from.user(), now));
        afterCommit.fire(new OwnershipTransferred(room.id().value(), from.user(), to.user(), actor.name()));
    }
}
