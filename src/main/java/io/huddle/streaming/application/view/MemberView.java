package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.RoomMember;

import java.time.Instant;

/**
 * A membership as it was when read. Immutable.
 *
 * @param room     the room's id
 * @param user     the member
 * @param role     the member's role
 * @param joinedAt when the user joined
 */
public record MemberView(String room, String user, Role role, Instant joinedAt) {

    /** A snapshot of {@code member}. */
    public static MemberView of(RoomMember member) {
        return new MemberView(member.room().value(), member.user(), member.role(), member.joinedAt());
    }
}
