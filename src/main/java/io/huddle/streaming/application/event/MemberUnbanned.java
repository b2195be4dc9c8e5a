package io.huddle.streaming.application.event;


/**
 * A ban was lifted, by {@code by} or (by {@code system}) because it expired.
 */
public record MemberUnbanned(String room, String user, String by) implements RoomEvent {
}
