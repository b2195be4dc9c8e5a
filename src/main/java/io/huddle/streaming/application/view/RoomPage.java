package io.huddle.streaming.application.view;

import java.util.List;

/**
 * A page of rooms found by a search, in id order. Immutable.
 *
 * @param rooms the rooms, each with its member count
 * @param more  whether rooms follow the last one (ask again with it as {@code after})
 */
public record RoomPage(List<RoomListing> rooms, boolean more) {

    public RoomPage {
        rooms = List.copyOf(rooms);
    }
}
