package io.huddle.streaming.hub;

import java.io.Serializable;
import java.util.Objects;

/**
 * A change to who is in a room, applied by every node to its {@link RoomIndex}. Immutable.
 *
 * @param user   the user concerned
 * @param joined {@code true} when the user became a member, {@code false} when the membership ended
 *               (left, kicked, banned) or, with {@link #ROOM_GONE} as user, when the room was deleted
 * @param plain  a plain join or leave (not a kick, ban or room deletion): a {@link LargeRooms large} room tells
 *               its members only its member count, not the frame
 */
public record MembershipChange(String user, boolean joined, boolean plain) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The user of a change that drops the whole room (deleted). */
    public static final String ROOM_GONE = "";

    public MembershipChange {
        Objects.requireNonNull(user, "user");
    }

    /** The room was deleted: every membership ended. */
    public static MembershipChange roomGone() {
        return new MembershipChange(ROOM_GONE, false, false);
    }

    /** {@code user} joined, or left by themselves. */
    public static MembershipChange plain(String user, boolean joined) {
        return new MembershipChange(user, joined, true);
    }

    /** {@code user}'s membership ended by someone else's hand (kicked, banned) or an unban was announced. */
    public static MembershipChange ended(String user) {
        return new MembershipChange(user, false, false);
    }
}
