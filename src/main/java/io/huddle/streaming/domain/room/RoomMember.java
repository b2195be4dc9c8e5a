package io.huddle.streaming.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's membership of a room, with the user's role there. Membership belongs to the user, not to a
 * connection: it lasts until the user leaves, is kicked or is banned. Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "room_members")
@IdClass(MembershipKey.class)
public class RoomMember {

    @Id
    @Column(name = "room_id", length = 64)
    private String roomId;

    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private Role role;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    /** Written when the membership is stored; moved afterwards only by the read marker's own conditional update. */
    @Column(name = "read_seq", nullable = false, updatable = false)
    private long readSeq;

    protected RoomMember() {
    }

    public RoomMember(RoomId room, String user, Role role, Instant joinedAt) {
        this.roomId = Objects.requireNonNull(room, "room").value();
        this.userId = Objects.requireNonNull(user, "user");
        this.role = Objects.requireNonNull(role, "role");
        this.joinedAt = Objects.requireNonNull(joinedAt, "joinedAt");
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }

    public String user() {
        return userId;
    }

    public Role role() {
        return role;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    /** The seq up to which the member has read the room. */
    public long readSeq() {
        return readSeq;
    }

    /** Before the membership is stored: the member has read the room up to {@code seq} (its latest, on joining). */
    public void readUpTo(long seq) {
        this.readSeq = seq;
    }

    public void changeRole(Role newRole) {
        this.role = Objects.requireNonNull(newRole, "role");
    }
}
