package io.huddle.streaming.application.event;

/**
 * A stored message was deleted by {@code by}: its data is gone, its seq stays taken.
 */
public record MessageDeleted(String room, String id, String by) implements RoomEvent {
}
