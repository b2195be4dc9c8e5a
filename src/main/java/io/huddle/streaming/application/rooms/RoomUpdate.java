package io.huddle.streaming.application.rooms;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a room: each present field is set, each empty one left as it is. For {@code maxMembers},
 * {@code description}, {@code metadata} and {@code category}, a present empty value clears them. Immutable.
 *
 * @param name        new display name
 * @param description new description; {@code Optional.of(Optional.empty())} clears it
 * @param isPrivate   new privacy
 * @param maxMembers  new member limit; {@code Optional.of(Optional.empty())} removes the limit
 * @param metadata    new application data as JSON text; {@code Optional.of(Optional.empty())} clears it
 * @param tags        new tags (replacing the old ones; an empty list removes them)
 * @param category    new category; {@code Optional.of(Optional.empty())} clears it
 */
public record RoomUpdate(Optional<String> name, Optional<Optional<String>> description, Optional<Boolean> isPrivate,
                         Optional<Optional<Integer>> maxMembers, Optional<Optional<String>> metadata,
                         Optional<List<String>> tags, Optional<Optional<String>> category) {

    public RoomUpdate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(isPrivate, "isPrivate");
        Objects.requireNonNull(maxMembers, "maxMembers");
        Objects.requireNonNull(metadata, "metadata");
        tags = tags.map(List::copyOf);
        Objects.requireNonNull(category, "category");
    }

    /** Changes that leave tags and category as they are. */
    public RoomUpdate(Optional<String> name, Optional<Optional<String>> description, Optional<Boolean> isPrivate,
                      Optional<Optional<Integer>> maxMembers, Optional<Optional<String>> metadata) {
        this(name, description, isPrivate, maxMembers, metadata, Optional.empty(), Optional.empty());
    }

    /** No change at all; add changes with the {@code with…} methods. */
    public static RoomUpdate none() {
        return new RoomUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public RoomUpdate withName(String value) {
        return new RoomUpdate(Optional.of(value), description, isPrivate, maxMembers, metadata, tags, category);
    }

    public RoomUpdate withDescription(String valueOrNull) {
        return new RoomUpdate(name, Optional.of(Optional.ofNullable(valueOrNull)), isPrivate, maxMembers, metadata,
                tags, category);
    }

    public RoomUpdate asPrivate(boolean value) {
        return new RoomUpdate(name, description, Optional.of(value), maxMembers, metadata, tags, category);
    }

    public RoomUpdate withMaxMembers(Integer limitOrNull) {
        return new RoomUpdate(name, description, isPrivate, Optional.of(Optional.ofNullable(limitOrNull)), metadata,
                tags, category);
    }

    public RoomUpdate withMetadata(String jsonOrNull) {
        return new RoomUpdate(name, description, isPrivate, maxMembers, Optional.of(Optional.ofNullable(jsonOrNull)),
                tags, category);
    }

    public RoomUpdate withTags(List<String> newTags) {
        return new RoomUpdate(name, description, isPrivate, maxMembers, metadata, Optional.of(newTags), category);
    }

    public RoomUpdate withCategory(String categoryOrNull) {
        return new RoomUpdate(name, description, isPrivate, maxMembers, metadata, tags,
                Optional.of(Optional.ofNullable(categoryOrNull)));
    }

    /** Whether nothing would change. */
    public boolean isEmpty() {
        return name.isEmpty() && description.isEmpty() && isPrivate.isEmpty() && maxMembers.isEmpty()
                && metadata.isEmpty() && tags.isEmpty() && category.isEmpty();
    }
}
