package io.huddle.streaming.domain.room;

/**
 * A room with the requested id already exists.
 */
public class RoomExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoomExistsException(RoomId room) {
        super("a room with id '" + room.value() + "' already exists");
    }
}
