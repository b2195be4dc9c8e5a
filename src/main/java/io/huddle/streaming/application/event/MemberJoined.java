package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.MemberView;

/**
 * A user became a member.
 */
public record MemberJoined(String room, MemberView member) implements RoomEvent {
}
