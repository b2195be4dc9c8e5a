package io.huddle.streaming.hub;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where a node reads room messages it did not receive live: the stored history, as the source of truth when frames
 * from other nodes arrive late, out of order, or not at all. Implemented by the application over the database.
 * Thread-safe.
 */
public interface RoomHistory {

    /**
     * The message frames of {@code room} with a seq above {@code after} and at most {@code upTo}, oldest first,
     * encoded as live delivery encodes them; fewer when some are no longer stored (deleted by retention), none when
     * the room is gone.
     */
    List<OutboundFrame> messages(String room, long after, long upTo);

    /** The seq of {@code room}'s latest message, or empty when the room is gone. */
    OptionalLong lastSeq(String room);
}
