package io.huddle.streaming.application.event;

import io.huddle.streaming.domain.room.Role;

/**
 * A member's role changed to {@code role}.
 */
public record MemberRoleChanged(String room, String user, Role role, String by) implements RoomEvent {
}
