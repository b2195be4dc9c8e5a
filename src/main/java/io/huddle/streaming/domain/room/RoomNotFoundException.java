package io.huddle.streaming.domain.room;

/**
 * The room named does not exist (or no longer does).
 */
public class RoomNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String roomId;

    public RoomNotFoundException(RoomId room) {
        super("room '" + room.value() + "' does not exist");
        this.roomId = room.value();
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }
}
