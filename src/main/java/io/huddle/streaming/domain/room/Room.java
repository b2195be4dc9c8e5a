package io.huddle.streaming.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A room: a durable, ordered conversation with members. Its {@code lastSeq} is the seq of the newest stored
 * message; it only grows, by exactly one per message, under the row lock taken by the message repository.
 * Not thread-safe (a JPA entity): use it within one transaction.
 */
@Entity
@Table(name = "rooms")
public class Room {

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "description", length = 2000)
    private String description;

    @Column(name = "is_private", nullable = false)
    private boolean privateRoom;

    @Column(name = "max_members")
    private Integer maxMembers;

    @Column(name = "owner_id", nullable = false, length = 64)
    private String ownerId;

    @Column(name = "metadata")
    private String metadata;

    @Column(name = "category", length = 64)
    private String category;

    /** The tags, each between spaces ({@code " news sports "}); null when there are none. */
    @Column(name = "tags", length = 400)
    private String tags;

    /** For a direct conversation, its two users in id order; null otherwise. */
    @Column(name = "dm_first", length = 64, updatable = false)
    private String dmFirst;

    @Column(name = "dm_second", length = 64, updatable = false)
    private String dmSecond;

    @Column(name = "slow_mode_ms", nullable = false)
    private int slowModeMs;

    @Column(name = "locked", nullable = false)
    private boolean locked;

    // Written only by the message repository's locked increment, never by an entity flush.
    @Column(name = "last_seq", nullable = false, updatable = false)
    private long lastSeq;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    protected Room() {
    }

    /**
     * A new room owned by {@code owner}, created at {@code now}.
     */
    public Room(RoomId id, String name, String owner, Instant now) {
        this.id = Objects.requireNonNull(id, "id").value();
        this.name = Objects.requireNonNull(name, "name");
        this.ownerId = Objects.requireNonNull(owner, "owner");
        this.createdAt = Objects.requireNonNull(now, "now");
        this.updatedAt = now;
    }

    public RoomId id() {
        return RoomId.of(id);
    }

    public String name() {
        return name;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public boolean isPrivate() {
        return privateRoom;
    }

    public Optional<Integer> maxMembers() {
        return Optional.ofNullable(maxMembers);
    }

    public String owner() {
        return ownerId;
    }

    /** The room's metadata as JSON text, if any. */
    public Optional<String> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** The least interval between two messages of one member below moderator, in milliseconds; 0 when off. */
    public int slowModeMs() {
        return slowModeMs;
    }

    /** Whether only moderators and above may publish. */
    public boolean isLocked() {
        return locked;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<Instant> archivedAt() {
        return Optional.ofNullable(archivedAt);
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    public void rename(String newName, Instant now) {
        this.name = Objects.requireNonNull(newName, "name");
        touch(now);
    }

    public void describe(String newDescription, Instant now) {
        this.description = newDescription;
        touch(now);
    }

    public void makePrivate(boolean isPrivate, Instant now) {
        this.privateRoom = isPrivate;
        touch(now);
    }

    /** Sets the member limit; {@code null} means unlimited. */
    public void limitMembers(Integer limit, Instant now) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("maxMembers must be at least 1, was " + limit);
        }
        this.maxMembers = limit;
        touch(now);
    }

    /** Sets the metadata JSON text; {@code null} clears it. */
    public void attachMetadata(String json, Instant now) {
        this.metadata = json;
        touch(now);
    }

    /** Before it is stored: makes this room the direct conversation of {@code first} and {@code second} (in id order). */
    public void directBetween(String first, String second) {
        if (first.compareTo(second) >= 0) {
            throw new IllegalArgumentException("the two users of a direct conversation are distinct and in id order");
        }
        this.dmFirst = first;
        this.dmSecond = second;
    }

    /** Whether this is a direct conversation between two users. */
    public boolean isDirect() {
        return dmFirst != null;
    }

    /** The two users of a direct conversation, in id order; empty for any other room. */
    public List<String> directUsers() {
        return dmFirst == null ? List.of() : List.of(dmFirst, dmSecond);
    }

    /** Sets the category; {@code null} clears it. */
    public void categorize(String newCategory, Instant now) {
        this.category = newCategory;
        touch(now);
    }

    /** Replaces the tags (lowercase, without spaces, checked by the caller); an empty list clears them. */
    public void tag(List<String> newTags, Instant now) {
        this.tags = newTags.isEmpty() ? null : " " + String.join(" ", newTags) + " ";
        touch(now);
    }

    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    /** The tags, in the order they were given. */
    public List<String> tags() {
        return tags == null ? List.of() : List.of(tags.trim().split(" "));
    }

    /** Sets slow mode: the least interval between two messages of one member, 0 to turn it off. */
    public void slowDown(int intervalMs, Instant now) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("slow mode interval must not be negative, was " + intervalMs);
        }
        this.slowModeMs = intervalMs;
        touch(now);
    }

    public void lock(boolean isLocked, Instant now) {
        this.locked = isLocked;
        touch(now);
    }

    public void transferOwnership(String newOwner, Instant now) {
        this.ownerId = Objects.requireNonNull(newOwner, "newOwner");
        touch(now);
    }

    public void archive(Instant now) {
        this.archivedAt = now;
        touch(now);
    }

    public void restore(Instant now) {
        this.archivedAt = null;
        touch(now);
    }

    private void touch(Instant now) {
        this.updatedAt = Objects.requireNonNull(now, "now");
    }
}
