package io.huddle.streaming.application.event;


/**
 * A room was deleted with its members, bans, invites and messages.
 */
public record RoomDeleted(String room, String by) implements RoomEvent {
}
