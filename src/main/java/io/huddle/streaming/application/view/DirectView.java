package io.huddle.streaming.application.view;

import java.util.Objects;
import java.util.Optional;

/**
 * A direct conversation as one of its two users sees it. Immutable.
 *
 * @param room    the conversation's room
 * @param user    the other user
 * @param last    its latest message, if it has one
 * @param created whether the call that returned this opened the conversation
 */
public record DirectView(RoomView room, String user, Optional<MessageView> last, boolean created) {

    public DirectView {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(last, "last");
    }
}
