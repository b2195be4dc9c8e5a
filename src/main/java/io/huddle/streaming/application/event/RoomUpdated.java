package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.RoomView;

/**
 * A room's settings changed (including archive and restore); {@code view} is the room after the change.
 */
public record RoomUpdated(String room, RoomView view, String by) implements RoomEvent {
}
