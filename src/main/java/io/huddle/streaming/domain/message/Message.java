package io.huddle.streaming.domain.message;

import io.huddle.streaming.domain.StoredTime;
import io.huddle.streaming.domain.room.RoomId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored room message. Its {@code seq} is assigned when it is stored, in the same transaction, and is
 * unique and gap-free per room. {@code data} is JSON text, kept as the client sent it. A deleted message
 * keeps its row (and seq) with its data cleared, so history has no holes. Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "messages")
public class Message {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "room_id", nullable = false, length = 64)
    private String roomId;

    @Column(name = "seq", nullable = false)
    private long seq;

    @Column(name = "user_id", nullable = false, length = 64)
    private String userId;

    @Column(name = "event", length = 64)
    private String event;

    @Column(name = "data", nullable = false)
    private String data;

    @Column(name = "thread_id", length = 36)
    private String threadId;

    @Column(name = "idempotency_key", length = 128)
    private String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** The words history search matches ({@link SearchText}); null when there are none, or once deleted. */
    @Column(name = "search_text")
    private String searchText;

    protected Message() {
    }

    Message(String id, NewMessage draft, long seq, Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.roomId = draft.room().value();
        this.seq = seq;
        this.userId = draft.user();
        this.event = draft.event().orElse(null);
        this.data = draft.data();
        this.threadId = draft.thread().orElse(null);
        this.idempotencyKey = draft.idempotencyKey().orElse(null);
        this.createdAt = StoredTime.of(Objects.requireNonNull(now, "now"));
        this.searchText = SearchText.of(data).orElse(null);
    }

    /**
     * Creates the entity for {@code draft} with its assigned {@code seq}. Only a {@link MessageRepository}
     * implementation calls this, inside the transaction that allocated the seq.
     */
    public static Message stored(String id, NewMessage draft, long seq, Instant now) {
        return new Message(id, draft, seq, now);
    }

    public String id() {
        return id;
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }

    public long seq() {
        return seq;
    }

    public String user() {
        return userId;
    }

    public Optional<String> event() {
        return Optional.ofNullable(event);
    }

    /** The message's JSON text; {@code "null"} once deleted. */
    public String data() {
        return data;
    }

    public Optional<String> thread() {
        return Optional.ofNullable(threadId);
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> editedAt() {
        return Optional.ofNullable(editedAt);
    }

    public Optional<Instant> deletedAt() {
        return Optional.ofNullable(deletedAt);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** Replaces the data (JSON text) and records the edit time. */
    public void edit(String newData, Instant now) {
        this.data = Objects.requireNonNull(newData, "data");
        this.editedAt = StoredTime.of(Objects.requireNonNull(now, "now"));
        this.searchText = SearchText.of(newData).orElse(null);
    }

    /** Clears the data and marks the message deleted; its seq stays taken. */
    public void delete(Instant now) {
        this.data = "null";
        this.deletedAt = StoredTime.of(Objects.requireNonNull(now, "now"));
        this.searchText = null;
    }
}
