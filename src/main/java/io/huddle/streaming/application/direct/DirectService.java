package io.huddle.streaming.application.direct;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MemberJoined;
import io.huddle.streaming.application.event.RoomCreated;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.DirectView;
import io.huddle.streaming.application.view.MemberView;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.domain.room.Blocks;
import io.huddle.streaming.domain.room.DirectRooms;
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
import java.util.List;
import java.util.Optional;

/**
 * Direct conversations and blocks. Opening a conversation is idempotent: the same two users always get the same
 * private room (its id derived from the pair), both of them members with the role {@code member} and nobody its
 * owner, however many open it at once (both users' lock rows are taken in id order first). A user who left is a
 * member again when either opens it. A user may block another: then neither opens the conversation nor publishes
 * in it; the blocked user is told only {@code forbidden}. Direct conversations do not count against
 * {@code streaming.limits.rooms-per-user}. A user acts for themselves only; trusted actors for anyone. Thread-safe.
 */
@ApplicationScoped
public class DirectService {

    /** Who a direct conversation's room names as its owner: no user, so nobody holds owner rights there. */
    public static final String NO_OWNER = "system";

    @Inject
    Transactions tx;

    @Inject
    RoomRepository rooms;

    @Inject
    Blocks blocks;

    @Inject
    AfterCommit afterCommit;

    private final Clock clock = Clock.systemUTC();

    /** The conversation of {@code user} and {@code other}, opened if it was not. */
    public DirectView open(Actor actor, String user, String other) {
        actor.requireActsFor(user, "open direct conversations for another user");
        Validation.userId(other);
        if (user.equals(other)) {
            throw Validation.bad("a direct conversation is between two different users");
        }
        return tx.required(() -> {
            String first = user.compareTo(other) < 0 ? user : other;
            String second = first.equals(user) ? other : user;
            rooms.lockUser(first);
            rooms.lockUser(second);
            if (blocks.blocks(user, other)) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "you block '" + other + "': unblock them first");
            }
            if (blocks.blocks(other, user)) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "you cannot open a direct conversation with '" + other + "'");
            }
            RoomId id = DirectRooms.of(user, other);
            Instant now = clock.instant();
            Optional<Room> existing = rooms.findForUpdate(id);
            Room room = existing.orElseGet(() -> create(actor, id, first, second, now));
            if (existing.isPresent()) {
                for (String member : room.directUsers()) {
                    if (rooms.member(id, member).isEmpty()) {
                        add(room, member, now);
                    }
                }
            }
            return new DirectView(RoomView.of(room), other, Optional.empty(), existing.isEmpty());
        });
    }

    /** {@code user}'s direct conversations, the latest active first, at most {@code limit} (1 to 200). */
    public List<DirectView> list(Actor actor, String user, int limit) {
        actor.requireActsFor(user, "list another user's direct conversations");
        Validation.between("limit", limit, 1, 200);
        return tx.required(() -> rooms.directsOf(user, limit).stream().map(direct -> {
            List<String> pair = direct.room().directUsers();
            String other = pair.get(0).equals(user) ? pair.get(1) : pair.get(0);
            return new DirectView(RoomView.of(direct.room()), other, direct.last().map(MessageView::of), false);
        }).toList());
    }

    /** {@code user} refuses direct messages from {@code other}; blocking twice is blocking once. */
    public void block(Actor actor, String user, String other) {
        actor.requireActsFor(user, "block users for another user");
        Validation.userId(other);
        if (user.equals(other)) {
            throw Validation.bad("a user cannot block themselves");
        }
        tx.required(() -> {
            rooms.lockUser(user);
            blocks.block(user, other, clock.instant());
        });
    }

    /** {@code user} takes direct messages from {@code other} again; {@code not_found} if there was no block. */
    public void unblock(Actor actor, String user, String other) {
        actor.requireActsFor(user, "unblock users for another user");
        Validation.userId(other);
        tx.required(() -> {
            if (!blocks.unblock(user, other)) {
                throw new HuddleException(ErrorCode.NOT_FOUND, "'" + user + "' does not block '" + other + "'");
            }
        });
    }

    /** The users {@code user} blocks, by id. */
    public List<String> blocked(Actor actor, String user) {
        actor.requireActsFor(user, "read another user's blocks");
        return tx.required(() -> blocks.blockedBy(user));
    }

    private Room create(Actor actor, RoomId id, String first, String second, Instant now) {
        Room room = new Room(id, first + " & " + second, NO_OWNER, now);
        room.makePrivate(true, now);
        room.directBetween(first, second);
        rooms.add(room);
        afterCommit.fire(new RoomCreated(id.value(), RoomView.of(room), actor.name()));
        add(room, first, now);
        add(room, second, now);
        return room;
    }

    private void add(Room room, String user, Instant now) {
        RoomMember member = new RoomMember(room.id(), user, Role.MEMBER, now);
        member.readUpTo(room.lastSeq());
        rooms.addMember(member);
        afterCommit.fire(new MemberJoined(room.id().value(), MemberView.of(member)));
    }
}
