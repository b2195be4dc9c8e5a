package io.huddle.streaming.application.event;

/**
 * Message {@code id} is no longer pinned in its room: {@code by} unpinned it, or deleted the message.
 */
public record MessageUnpinned(String room, String id, String by) implements RoomEvent {
}
