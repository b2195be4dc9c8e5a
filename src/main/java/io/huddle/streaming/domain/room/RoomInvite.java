package io.huddle.streaming.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invite code to a room: usable until it expires, is revoked, or has been used {@code maxUses} times.
 * Not thread-safe (a JPA entity); concurrent redemptions are serialized by the repository's row lock.
 */
@Entity
@Table(name = "room_invites")
public class RoomInvite {

    @Id
    @Column(name = "code", length = 64)
    private String code;

    @Column(name = "room_id", nullable = false, length = 64)
    private String roomId;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "max_uses")
    private Integer maxUses;

    @Column(name = "uses", nullable = false)
    private int uses;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RoomInvite() {
    }

    public RoomInvite(String code, RoomId room, String createdBy, Instant expiresAt, Integer maxUses, Instant now) {
        if (maxUses != null && maxUses < 1) {
            throw new IllegalArgumentException("maxUses must be at least 1, was " + maxUses);
        }
        this.code = Objects.requireNonNull(code, "code");
        this.roomId = Objects.requireNonNull(room, "room").value();
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.expiresAt = expiresAt;
        this.maxUses = maxUses;
        this.createdAt = Objects.requireNonNull(now, "now");
    }

    public String code() {
        return code;
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Integer> maxUses() {
        return Optional.ofNullable(maxUses);
    }

    public int uses() {
        return uses;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Whether the code admits one more user at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null
                && (expiresAt == null || expiresAt.isAfter(now))
                && (maxUses == null || uses < maxUses);
    }

    /** Counts one use. The caller has checked {@link #usableAt(Instant)} under the row lock. */
    public void use() {
        uses++;
    }

    public void revoke(Instant now) {
        this.revokedAt = Objects.requireNonNull(now, "now");
    }
}
