package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.MuteView;

/**
 * A user was muted.
 */
public record MemberMuted(String room, MuteView mute) implements RoomEvent {
}
