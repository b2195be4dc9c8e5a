package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.RoomView;

/**
 * A room was created by {@code by} (a user id or {@code system}).
 */
public record RoomCreated(String room, RoomView view, String by) implements RoomEvent {
}
