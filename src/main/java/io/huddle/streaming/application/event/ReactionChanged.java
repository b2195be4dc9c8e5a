package io.huddle.streaming.application.event;

/**
 * {@code user} added ({@code added} true) or removed their {@code reaction} on message {@code id}, which now has
 * it {@code count} times.
 */
public record ReactionChanged(String room, String id, String reaction, String user, boolean added, long count)
        implements RoomEvent {
}
