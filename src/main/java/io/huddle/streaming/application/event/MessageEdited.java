package io.huddle.streaming.application.event;

import io.huddle.streaming.application.view.MessageView;

/**
 * A stored message's data was replaced by {@code by}; {@code message} is the message after the edit.
 */
public record MessageEdited(String room, MessageView message, String by) implements RoomEvent {
}
