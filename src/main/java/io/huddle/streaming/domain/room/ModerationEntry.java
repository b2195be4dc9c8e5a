package io.huddle.streaming.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a room's moderation log: who did what to whom, and why. Immutable once stored; it outlives
 * the room it speaks of.
 */
@Entity
@Table(name = "moderation_log")
public class ModerationEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "room_id", nullable = false, length = 64)
    private String roomId;

    @Column(name = "actor_id", nullable = false, length = 64)
    private String actorId;

    @Column(name = "action", nullable = false, length = 32)
    private String action;

    @Column(name = "target_id", length = 64)
    private String targetId;

    @Column(name = "reason", length = 500)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ModerationEntry() {
    }

    public ModerationEntry(RoomId room, String actor, String action, String target, String reason, Instant now) {
        this.roomId = Objects.requireNonNull(room, "room").value();
        this.actorId = Objects.requireNonNull(actor, "actor");
        this.action = Objects.requireNonNull(action, "action");
        this.targetId = target;
        this.reason = reason;
        this.createdAt = Objects.requireNonNull(now, "now");
    }

    public Long id() {
        return id;
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }

    public String actor() {
        return actorId;
    }

    public String action() {
        return action;
    }

    public Optional<String> target() {
        return Optional.ofNullable(targetId);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
