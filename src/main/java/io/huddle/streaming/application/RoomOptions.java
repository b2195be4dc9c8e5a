package io.huddle.streaming.application;

import java.util.Objects;
import java.util.Optional;

/**
 * What a new room looks like. Build with {@link #named(String)} and the {@code with…} methods. Immutable.
 *
 * @param id          the room's slug; generated from the name when empty
 * @param name        display name, 1 to 200 characters
 * @param description up to 2000 characters
 * @param isPrivate   whether only invitees may join
 * @param maxMembers  member limit, at least 1; empty for none
 * @param metadata    application data as JSON text (an object)
 * @param owner       the owner; for a user's request it must be empty or that user, for the system it is required
 */
public record RoomOptions(Optional<String> id, String name, Optional<String> description, boolean isPrivate,
                          Optional<Integer> maxMembers, Optional<String> metadata, Optional<String> owner) {

    public RoomOptions {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(maxMembers, "maxMembers");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(owner, "owner");
    }

    /** A public room named {@code name}, with a generated id, no description, no member limit. */
    public static RoomOptions named(String name) {
        return new RoomOptions(Optional.empty(), name, Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public RoomOptions withId(String newId) {
        return new RoomOptions(Optional.of(newId), name, description, isPrivate, maxMembers, metadata, owner);
    }

    public RoomOptions withDescription(String text) {
        return new RoomOptions(id, name, Optional.ofNullable(text), isPrivate, maxMembers, metadata, owner);
    }

    public RoomOptions asPrivate(boolean value) {
        return new RoomOptions(id, name, description, value, maxMembers, metadata, owner);
    }

    public RoomOptions withMaxMembers(int limit) {
        return new RoomOptions(id, name, description, isPrivate, Optional.of(limit), metadata, owner);
    }

    /** Makes {@code user} the owner (required when the system creates the room). */
    public RoomOptions ownedBy(String user) {
        return new RoomOptions(id, name, description, isPrivate, maxMembers, metadata, Optional.of(user));
    }

    /** Attaches application data, given as JSON text. */
    public RoomOptions withMetadata(String json) {
        return new RoomOptions(id, name, description, isPrivate, maxMembers, Optional.ofNullable(json), owner);
    }
}
