package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.PublishStanding;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomBan;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Optional;

/**
 * The permission rules shared by every room use case: finding a room or failing with {@code not_found}, and
 * deciding from an actor's role what it may do. The matrix, highest role first:
 * <ul>
 *   <li>owner: everything below, plus delete the room and transfer ownership;</li>
 *   <li>admin: update, archive and restore the room; grant moderator;</li>
 *   <li>moderator: invite, ban, unban, mute, unmute, kick (only users ranking below them), read the
 *       moderation log, delete others' messages;</li>
 *   <li>member: publish, read history, edit and delete their own messages, leave.</li>
 * </ul>
 * Acting on another member (ban, kick, mute, change role) also requires ranking strictly above that member
 * and, for a role change, above the new role; so nobody acts on the owner. Trusted actors (the system and
 * administrators) pass every check. A user with a ban in force who tries any room command is answered
 * {@code banned}, never {@code forbidden}, so no client is told to join a room it cannot join.
 * Call within a transaction. Thread-safe.
 */
@ApplicationScoped
public class RoomAccess {

    @Inject
    RoomRepository rooms;

    @Inject
    ModerationRepository moderation;

    private final Clock clock = Clock.systemUTC();

    /** The room, or {@code not_found}. */
    public Room room(RoomId id) {
        return rooms.find(id).orElseThrow(() -> notFound(id));
    }

    /** The room locked for a membership change, or {@code not_found}. */
    public Room roomForUpdate(RoomId id) {
        return rooms.findForUpdate(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The room held for a join, or {@code not_found}; {@code forbidden} if archived. Joins to one room run side by
     * side (the room in share mode); those to a room with a member limit then take its join lock, in turn.
     */
    public Room openRoomForJoin(RoomId id) {
        Room room = rooms.findForShare(id).orElseThrow(() -> notFound(id));
        requireOpen(room);
        if (room.maxMembers().isPresent()) {
            rooms.lockJoins(id);
        }
        return room;
    }

    /**
     * {@code user}'s standing in {@code id} for publishing: {@code not_found} if the room does not exist,
     * {@code forbidden} if it is archived.
     */
    public PublishStanding standing(RoomId id, String user) {
        PublishStanding standing = rooms.standing(id, user).orElseThrow(() -> notFound(id));
        if (standing.archived()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "room '" + id + "' is archived");
        }
        return standing;
    }

    /** {@code forbidden} if {@code room} is archived. */
    public void requireOpen(Room room) {
        if (room.isArchived()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "room '" + room.id() + "' is archived");
        }
    }

    /**
     * The room, if {@code actor} may read it (its history, its pins): a private room's members, a public room's
     * users unless banned from it, trusted actors always; otherwise {@code forbidden} or {@code banned}.
     */
    public Room requireReader(Actor actor, RoomId id, String what) {
        Room room = room(id);
        if (actor.isUser() && member(id, actor.name()).isEmpty()) {
            if (room.isPrivate()) {
                throw notMember(id, actor.name(), "the " + what + " of private room '" + id + "' are for its members");
            }
            requireNotBanned(id, actor.name());
        }
        return room;
    }

    /** The membership of {@code user} in {@code room}, if any. */
    public Optional<RoomMember> member(RoomId room, String user) {
        return rooms.member(room, user);
    }

    /** The membership of {@code user}, or {@code not_found} saying that the user is not a member. */
    public RoomMember requireMember(RoomId room, String user) {
        return rooms.member(room, user).orElseThrow(() -> new HuddleException(ErrorCode.NOT_FOUND,
                "'" + user + "' is not a member of room '" + room + "'"));
    }

    /**
     * Checks that {@code actor} holds at least {@code minimum} in {@code room}; returns the actor's role
     * ({@link Role#OWNER} for the system, which passes every check).
     *
     * @param what the action, for the message, e.g. {@code "ban members"}
     */
    public Role requireRole(Actor actor, RoomId room, Role minimum, String what) {
        if (actor.isTrusted()) {
            return Role.OWNER;
        }
        Role role = rooms.member(room, actor.name())
                .map(RoomMember::role)
                .orElseThrow(() -> notMember(room, actor.name(), "only members of room '" + room + "' may " + what));
        if (!role.atLeast(minimum)) {
            throw new HuddleException(ErrorCode.FORBIDDEN,
                    "only a " + minimum.wireName() + " or above may " + what + " (you are " + role.wireName() + ")");
        }
        return role;
    }

    /** Checks that an actor with {@code actorRole} ranks strictly above {@code target}'s role. */
    public void requireAbove(Actor actor, Role actorRole, RoomMember target, String what) {
        if (!actor.isTrusted() && !actorRole.above(target.role())) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "a " + actorRole.wireName() + " cannot " + what
                    + " a " + target.role().wireName());
        }
    }

    /**
     * The error for {@code user}, who is not a member of {@code room}, trying to act in it: {@code banned} while
     * a ban is in force, otherwise {@code forbidden} saying {@code why}.
     */
    public HuddleException notMember(RoomId room, String user, String why) {
        return activeBan(room, user).map(RoomAccess::banned)
                .orElseGet(() -> new HuddleException(ErrorCode.FORBIDDEN, why));
    }

    /** Fails with {@code banned} while {@code user} has a ban in force in {@code room}. */
    public void requireNotBanned(RoomId room, String user) {
        Optional<RoomBan> ban = activeBan(room, user);
        if (ban.isPresent()) {
            throw banned(ban.get());
        }
    }

    private Optional<RoomBan> activeBan(RoomId room, String user) {
        return moderation.ban(room, user).filter(ban -> ban.activeAt(clock.instant()));
    }

    /** The {@code banned} error for {@code ban}, saying until when and why. */
    static HuddleException banned(RoomBan ban) {
        return new HuddleException(ErrorCode.BANNED, "'" + ban.user() + "' is banned from room '" + ban.room() + "'"
                + ban.until().map(until -> " until " + until).orElse("")
                + ban.reason().map(reason -> ": " + reason).orElse(""));
    }

    private static HuddleException notFound(RoomId id) {
        return new HuddleException(ErrorCode.NOT_FOUND, "room '" + id + "' does not exist");
    }
}
