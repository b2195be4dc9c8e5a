package io.huddle.streaming.application.rooms;

import java.util.List;
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
 * @param tags        tags for discovery: at most 10, each 1 to 32 characters of {@code [a-z0-9-]}
 * @param category    a category for discovery, up to 64 characters
 */
public record RoomOptions(Optional<String> id, String name, Optional<String> description, boolean isPrivate,
                          Optional<Integer> maxMembers, Optional<String> metadata, Optional<String> owner,
                          List<String> tags, Optional<String> category) {

    public RoomOptions {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(maxMembers, "maxMembers");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(owner, "owner");
        tags = List.copyOf(tags);
        Objects.requireNonNull(category, "category");
    }

    /** Options without tags or category. */
    public RoomOptions(Optional<String> id, String name, Optional<String> description, boolean isPrivate,
                       Optional<Integer> maxMembers, Optional<String> metadata, Optional<String> owner) {
        this(id, name, description, isPrivate, maxMembers, metadata, owner, List.of(), Optional.empty());
    }

    /** A public room named {@code name}, with a generated id, no description, no member limit. */
    public static RoomOptions named(String name) {
        return new RoomOptions(Optional.empty(), name, Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public RoomOptions withId(String newId) {
        return new RoomOptions(Optional.of(newId), name, description, isPrivate, maxMembers, metadata, owner, tags, category);
    }

    public RoomOptions withDescription(String text) {
        return new RoomOptions(id, name, Optional.ofNullable(text), isPrivate, maxMembers, metadata, owner, tags, category);
    }

    public RoomOptions asPrivate(boolean value) {
        return new RoomOptions(id, name, description, value, maxMembers, metadata, owner, tags, category);
    }

    public RoomOptions withMaxMembers(int limit) {
        return new RoomOptions(id, name, description, isPrivate, Optional.of(limit), metadata, owner, tags, category);
    }

    /** Makes {@code user} the owner (required when the system creates the room). */
    public RoomOptions ownedBy(String user) {
        return new RoomOptions(id, name, description, isPrivate, maxMembers, metadata, Optional.of(user), tags, category);
    }

    /** Tags the room for discovery. */
    public RoomOptions withTags(List<String> newTags) {
        return new RoomOptions(id, name, description, isPrivate, maxMembers, metadata, owner, newTags, category);
    }

    /** Puts the room in {@code newCategory} for discovery. */
    public RoomOptions withCategory(String newCategory) {
        return new RoomOptions(id, name, description, isPrivate, maxMembers, metadata, owner, tags,
                Optional.ofNullable(newCategory));
    }

    /** Attaches application data, given as JSON text. */
    public RoomOptions withMetadata(String json) {
        return new RoomOptions(id, name, description, isPrivate, maxMembers, Optional.ofNullable(json), owner, tags, category);
    }
}
