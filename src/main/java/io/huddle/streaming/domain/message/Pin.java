package io.huddle.streaming.domain.message;

import io.huddle.streaming.domain.StoredTime;
import io.huddle.streaming.domain.room.RoomId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A message pinned in its room: at most one pin per message. The pin goes with its message when that is
 * deleted, trimmed or expires. Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "room_pins")
public class Pin {

    @Id
    @Column(name = "message_id", length = 36)
    private String messageId;

    @Column(name = "room_id", nullable = false, length = 64)
    private String roomId;

    @Column(name = "pinned_by", nullable = false, length = 64)
    private String pinnedBy;

    @Column(name = "pinned_at", nullable = false)
    private Instant pinnedAt;

    protected Pin() {
    }

    public Pin(Message message, String pinnedBy, Instant now) {
        this.messageId = Objects.requireNonNull(message, "message").id();
        this.roomId = message.room().value();
        this.pinnedBy = Objects.requireNonNull(pinnedBy, "pinnedBy");
        this.pinnedAt = StoredTime.of(Objects.requireNonNull(now, "now"));
    }

    public String messageId() {
        return messageId;
    }

    public RoomId room() {
        return RoomId.of(roomId);
    }

    public String pinnedBy() {
        return pinnedBy;
    }

    public Instant pinnedAt() {
        return pinnedAt;
    }
}
