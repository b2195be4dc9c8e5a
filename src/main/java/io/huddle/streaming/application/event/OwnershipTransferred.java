package io.huddle.streaming.application.event;


/**
 * The room's owner changed from {@code from} to {@code to}; the former owner is now an admin (or gone, when the owner left).
 */
public record OwnershipTransferred(String room, String from, String to, String by) implements RoomEvent {
}
