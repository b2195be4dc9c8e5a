package io.huddle.streaming.application.event;

import java.util.Optional;

/**
 * A member was removed by {@code by}; they may join again.
 */
public record MemberKicked(String room, String user, String by, Optional<String> reason) implements RoomEvent {
}
