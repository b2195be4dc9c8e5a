package io.huddle.streaming.application.view;

import io.huddle.streaming.domain.room.Room;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A room as it was when read. Immutable.
 *
 * @param id          the slug
 * @param name        display name
 * @param description description, if any
 * @param isPrivate   whether only invitees may join
 * @param maxMembers  member limit, if any
 * @param owner       the owner's user id
 * @param metadata    application data as JSON text, if any
 * @param lastSeq     seq of the newest stored message (0 before the first)
 * @param createdAt   creation time
 * @param updatedAt   last change
 * @param archivedAt  when archived, if archived
 * @param slowModeMs  least interval between two messages of one member below moderator, 0 when off
 * @param locked      whether only moderators and above may publish
 * @param tags        the room's tags, for discovery
 * @param category    the room's category, if any
 */
public record RoomView(String id, String name, Optional<String> description, boolean isPrivate,
                       Optional<Integer> maxMembers, String owner, Optional<String> metadata, long lastSeq,
                       Instant createdAt, Instant updatedAt, Optional<Instant> archivedAt,
                       int slowModeMs, boolean locked, List<String> tags, Optional<String> category) {

    public RoomView {
        tags = List.copyOf(tags);
    }

    /** A snapshot of {@code room}. */
    public static RoomView of(Room room) {
        return new RoomView(room.id().value(), room.name(), room.description(), room.isPrivate(), room.maxMembers(),
                room.owner(), room.metadata(), room.lastSeq(), room.createdAt(), room.updatedAt(), room.archivedAt(),
                room.slowModeMs(), room.isLocked(), room.tags(), room.category());
    }

    public boolean isArchived() {
        return archivedAt.isPresent();
    }
}
