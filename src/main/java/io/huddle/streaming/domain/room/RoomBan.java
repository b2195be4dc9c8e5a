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
 * A user banned from a room, with who banned them, why, and until when ({@code null}: until lifted).
 * An expired ban is no ban: {@link #activeAt(Instant)} says whether it still holds.
 */
@Entity
@Table(name = "room_bans")
@IdClass(MembershipKey.class)
public class RoomBan {

    @Id
    @Column(name = "room_id", length = 64)
    private String roomId;

    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Column(name = "reason", length = 500)
    private String reason;

    @Column(name = "banned_by", nullable = false, length = 64)
    private String bannedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "until")
    private Instant until;

    protected RoomBan() {
    }

    public RoomBan(RoomId room, String user, String bannedBy, String reason, Instant until, Instant now) {
        this.roomId = Objects.requireNonNull(room, "room").value();
        this.userId = Objects.requireNonNull(user, "user");
        this.bannedBy = Objects.requireNonNull(bannedBy, "bannedBy");
        this.reason = reason;
        this.until = until;
        this.createdAt = Objects.requireNonNull(now, "now");
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }

    public String user() {
        return userId;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public String bannedBy() {
        return bannedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> until() {
        return Optional.ofNullable(until);
    }

    /** Whether the ban still holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return until == null || until.isAfter(now);
    }
}
