package io.huddle.streaming.domain.room;

import io.huddle.streaming.domain.message.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores rooms and their members. Implementations are thread-safe; every method joins the caller's
 * transaction. Returned entities are managed within that transaction: changes to them are saved on commit.
 */
public interface RoomRepository {

    /** Stores a new room. Throws {@link RoomExistsException} if a room with its id exists. */
    void add(Room room);

    /** The room with {@code id}, if it exists. */
    Optional<Room> find(RoomId id);

    /**
     * The room with {@code id}, locked until the transaction ends: changes to the room and its leaves, ownership
     * and settings are serialized this way (joins take {@link #findForShare} instead).
     */
    Optional<Room> findForUpdate(RoomId id);

    /**
     * The room with {@code id}, read afresh and held in share mode until the transaction ends: joins to one room
     * hold it side by side, while what changes the room (a stored message's seq, a new member limit, a leave) waits
     * for them, and they for it. Where the database has no share mode the room is locked as by
     * {@link #findForUpdate}.
     */
    Optional<Room> findForShare(RoomId id);

    /** The rooms {@code user} is a member of, ordered by id. */
    List<Room> roomsOf(String user);

    /** Deletes the room with everything that belongs to it (members, bans, mutes, invites, messages). */
    void remove(Room room);

    /**
     * Rooms ordered by id, starting after {@code afterId} (exclusive, empty for the first page), at most
     * {@code limit}. Archived rooms only when {@code includeArchived}. With {@code visibleTo}, only the public
     * rooms and the private rooms that user is a member of; empty: every room.
     */
    List<Room> list(Optional<RoomId> afterId, int limit, boolean includeArchived, Optional<String> visibleTo);

    /** A room found by {@link #discover}, with how many members it has. */
    record Listed(Room room, long members) {
    }

    /**
     * Like {@link #list}, only the rooms matching {@code search}, each with its member count.
     */
    List<Listed> discover(RoomSearch search, Optional<RoomId> afterId, int limit, boolean includeArchived,
                          Optional<String> visibleTo);

    /** A direct conversation of a user, with its latest message if it has one. */
    record Direct(Room room, Optional<Message> last) {
    }

    /**
     * The direct conversations {@code user} is a member of, the latest active first (by their latest message, or
     * when they were opened), at most {@code limit}.
     */
    List<Direct> directsOf(String user, int limit);

    /** The membership of {@code user} in {@code room}, if any. */
    Optional<RoomMember> member(RoomId room, String user);

    /**
     * Whether {@code room} is archived or locked, its slow mode, and {@code user}'s membership and mute in it, in
     * one read; empty if the room does not exist. The hot path of publishing: it loads no entity.
     */
    Optional<PublishStanding> standing(RoomId room, String user);

    /**
     * Records that {@code user} posts in {@code room} at {@code now}, if the member's previous post is at least
     * {@code interval} old (or there is none): the check and the record are one atomic step, so two concurrent
     * posts of one member cannot both pass, on any node. Within the caller's transaction.
     *
     * @return empty when recorded; otherwise the time of the previous post that is too recent
     */
    Optional<Instant> claimPost(RoomId room, String user, Duration interval, Instant now);

    /** Stores a new membership. */
    void addMember(RoomMember member);

    /** Ends a membership. */
    void removeMember(RoomMember member);

    /** The members of {@code room}, highest role first, then by user id. */
    List<RoomMember> members(RoomId room);

    /** How many members {@code room} has. */
    long countMembers(RoomId room);

    /** How many rooms are stored. */
    long countRooms();

    /** The ids of the rooms {@code user} is a member of. */
    List<String> roomIdsOf(String user);

    /** How many rooms {@code user} is a member of, direct conversations not counted. */
    long countRoomsOf(String user);

    /**
     * Locks {@code user} until the transaction ends: transactions that count and add a user's memberships take this
     * lock first (after the room's), so limits over all of a user's rooms hold under concurrency.
     */
    void lockUser(String user);

    /**
     * Locks the row that serializes the joins to a room with a member limit until the transaction ends (creating
     * it if needed), so that counting the members and adding one is atomic while the joins hold the room itself
     * only in share mode ({@link #findForShare}).
     */
    void lockJoins(RoomId id);
}
