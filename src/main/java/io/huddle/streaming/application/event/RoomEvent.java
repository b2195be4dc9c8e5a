package io.huddle.streaming.application.event;

/**
 * Something that happened in a room and was committed.
 */
public sealed interface RoomEvent permits RoomCreated, RoomUpdated, RoomDeleted, OwnershipTransferred, MemberJoined,
        MemberLeft, MemberKicked, MemberBanned, MemberUnbanned, MemberMuted, MemberUnmuted, MemberRoleChanged,
        MessageStored, MessageEdited, MessageDeleted, MessagePinned, MessageUnpinned, MarkedRead, ReactionChanged {

    /** The room's id. */
    String room();
}
