package io.huddle.streaming.application.event;


/**
 * A member left of their own accord.
 */
public record MemberLeft(String room, String user) implements RoomEvent {
}
