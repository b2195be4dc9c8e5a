package io.huddle.streaming.application.event;


/**
 * A mute was lifted.
 */
public record MemberUnmuted(String room, String user, String by) implements RoomEvent {
}
