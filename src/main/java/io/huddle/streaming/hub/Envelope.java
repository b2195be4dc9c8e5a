package io.huddle.streaming.hub;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A frame on its way to every node, with whom it is for. Nodes turn it into deliveries to their own
 * connections ({@link Fanout}). Carries only plain values, so that it can cross the cluster. Immutable.
 *
 * @param target     who receives it
 * @param key        what the target names: the room id, the channel name, or the user ids
 * @param frame      the frame
 * @param membership for a change of a room's membership, the change every node applies to its index
 * @param closeCode  when not 0, the connections reached are closed with this code after the frame
 */
public record Envelope(Target target, List<String> key, OutboundFrame frame, Optional<MembershipChange> membership,
                       int closeCode) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Whom an envelope is for. */
    public enum Target {
        /** Every connection of every member of room {@code key[0]}. */
        ROOM,
        /** Every connection of the users in {@code key}. */
        USERS,
        /** Every connection subscribed to channel {@code key[0]}. */
        CHANNEL,
        /** Every connection. */
        ALL,
        /** The connection whose id is {@code key[0]}, on whichever node it is open. */
        CONNECTION,
        /** Every connection except those of the users in {@code key}. */
        ALL_EXCEPT
    }

    public Envelope {
        Objects.requireNonNull(target, "target");
        key = List.copyOf(key);
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(membership, "membership");
    }

    /** A frame for a room's members. */
    public static Envelope toRoom(String room, OutboundFrame frame) {
        return new Envelope(Target.ROOM, List.of(room), frame, Optional.empty(), 0);
    }

    /**
     * A frame for a room's members that also changes who they are. A joining user receives it; a user whose
     * membership ends receives it too, as the last frame of that room.
     */
    public static Envelope membership(String room, OutboundFrame frame, MembershipChange change) {
        return new Envelope(Target.ROOM, List.of(room), frame, Optional.of(change), 0);
    }

    /** A frame for some users' connections. */
    public static Envelope toUsers(List<String> users, OutboundFrame frame) {
        return new Envelope(Target.USERS, users, frame, Optional.empty(), 0);
    }

    /** A last frame for some users' connections, which are then closed with {@code closeCode}. */
    public static Envelope disconnect(List<String> users, OutboundFrame frame, int closeCode) {
        return new Envelope(Target.USERS, users, frame, Optional.empty(), closeCode);
    }

    /** A frame for a channel's subscribers. */
    public static Envelope toChannel(String channel, OutboundFrame frame) {
        return new Envelope(Target.CHANNEL, List.of(channel), frame, Optional.empty(), 0);
    }

    /** A frame for every connection. */
    public static Envelope toAll(OutboundFrame frame) {
        return new Envelope(Target.ALL, List.of(), frame, Optional.empty(), 0);
    }

    /** A frame for the one connection {@code connectionId}, wherever it is open. */
    public static Envelope toConnection(String connectionId, OutboundFrame frame) {
        return new Envelope(Target.CONNECTION, List.of(connectionId), frame, Optional.empty(), 0);
    }

    /** A last frame for the one connection {@code connectionId}, which is then closed with {@code closeCode}. */
    public static Envelope closeConnection(String connectionId, OutboundFrame frame, int closeCode) {
        return new Envelope(Target.CONNECTION, List.of(connectionId), frame, Optional.empty(), closeCode);
    }

    /** A frame for every connection except those of {@code users}. */
    public static Envelope toAllExcept(List<String> users, OutboundFrame frame) {
        return new Envelope(Target.ALL_EXCEPT, users, frame, Optional.empty(), 0);
    }

    /** The room, channel or first user named. */
    public String first() {
        return key.get(0);
    }
}
