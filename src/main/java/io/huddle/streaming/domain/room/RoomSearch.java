package io.huddle.streaming.domain.room;

import java.util.Objects;
import java.util.Optional;

/**
 * What a room search asks for; every part given must match.
 *
 * @param text     words the name or the description contains (case-insensitive, as typed)
 * @param tag      a tag the room has
 * @param category the room's category (exact)
 */
public record RoomSearch(Optional<String> text, Optional<String> tag, Optional<String> category) {

    public RoomSearch {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(category, "category");
    }

    /** Every room. */
    public static RoomSearch all() {
        return new RoomSearch(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
