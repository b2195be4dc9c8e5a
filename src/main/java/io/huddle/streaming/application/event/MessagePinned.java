package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.PinView;

/**
 * A message was pinned in its room; {@code pin} holds the message and who pinned it when.
 */
public record MessagePinned(String room, PinView pin) implements RoomEvent {
}
