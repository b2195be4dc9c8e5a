package io.huddle.streaming.application.view;

import java.util.Objects;

/**
 * A room as a search or a room list shows it: the room and how many members it has. Immutable.
 *
 * @param room    the room
 * @param members its member count when read
 */
public record RoomListing(RoomView room, long members) {

    public RoomListing {
        Objects.requireNonNull(room, "room");
    }
}
