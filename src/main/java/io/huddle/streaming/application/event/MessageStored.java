package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.MessageView;

/**
 * A message was stored in the room's history (and is being delivered).
 */
public record MessageStored(String room, MessageView message) implements RoomEvent {
}
