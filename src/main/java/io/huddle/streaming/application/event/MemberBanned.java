package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.BanView;

/**
 * A user was banned; their membership ended.
 */
public record MemberBanned(String room, BanView ban) implements RoomEvent {
}
