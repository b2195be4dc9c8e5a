package io.huddle.streaming.application.event;

/**
 * {@code user} has read {@code room} up to {@code seq}: their read marker moved forward.
 */
public record MarkedRead(String room, String user, long seq) implements RoomEvent {
}
