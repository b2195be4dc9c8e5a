package io.huddle.streaming.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user muted in a room (may read, may not publish), until {@code until} or until unmuted.
 */
@Entity
@Table(name = "room_mutes")
@IdClass(MembershipKey.class)
public class RoomMute {

    @Id
    @Column(name = "room_id", length = 64)
    private String roomId;

    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Column(name = "muted_by", nullable = false, length = 64)
    private String mutedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "until")
    private Instant until;

    protected RoomMute() {
    }

    public RoomMute(RoomId room, String user, String mutedBy, Instant until, Instant now) {
        this.roomId = Objects.requireNonNull(room, "room").value();
        this.userId = Objects.requireNonNull(user, "user");
        this.mutedBy = Objects.requireNonNull(mutedBy, "mutedBy");
        this.until = until;
        this.createdAt = Objects.requireNonNull(now, "now");
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }

    public String user() {
        return userId;
    }

    public String mutedBy() {
        return mutedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> until() {
        return Optional.ofNullable(until);
    }

    /** Whether the mute still holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return until == null || until.isAfter(now);
    }
}
