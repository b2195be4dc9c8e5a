package io.huddle.streaming.domain.room;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores what moderators decide about a room's users (bans, mutes), the room's invite codes, and the
 * moderation log. Implementations are thread-safe; every method joins the caller's transaction.
 */
public interface ModerationRepository {

    /** The ban of {@code user} in {@code room}, expired or not. */
    Optional<RoomBan> ban(RoomId room, String user);

    /** Stores {@code ban}, replacing an earlier ban of the same user in the same room. */
    void putBan(RoomBan ban);

    /** Lifts the ban of {@code user} in {@code room}; returns whether there was one. */
    boolean removeBan(RoomId room, String user);

    /** The bans of {@code room} still in force at {@code now}, newest first. */
    List<RoomBan> activeBans(RoomId room, Instant now);

    /** The mute of {@code user} in {@code room}, expired or not. */
    Optional<RoomMute> mute(RoomId room, String user);

    /** Stores {@code mute}, replacing an earlier mute of the same user in the same room. */
    void putMute(RoomMute mute);

    /** Lifts the mute of {@code user} in {@code room}; returns whether there was one. */
    boolean removeMute(RoomId room, String user);

    /** The mutes of {@code room} still in force at {@code now}, newest first. */
    List<RoomMute> activeMutes(RoomId room, Instant now);

    /** Stores a new invite. */
    void addInvite(RoomInvite invite);

    /** The invite with {@code code}, locked until the transaction ends (redemptions are counted exactly). */
    Optional<RoomInvite> inviteForUpdate(String code);

    /** The invites of {@code room} that are not revoked, newest first. */
    List<RoomInvite> invites(RoomId room);

    /** Appends a line to the moderation log. */
    void log(ModerationEntry entry);

    /** The newest {@code limit} log lines of {@code room} with an id below {@code beforeId} (if given), newest first. */
    List<ModerationEntry> logOf(RoomId room, Optional<Long> beforeId, int limit);

    /** Deletes bans and mutes that expired before {@code now}; returns the (room, user) pairs whose ban lifted. */
    List<RoomBan> removeExpired(Instant now);
}
