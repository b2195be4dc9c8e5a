package io.huddle.streaming.domain.room;

import java.io.Serializable;
import java.util.Objects;

/**
 * The primary key shared by per-user room records (members, bans, mutes): room id and user id.
 */
public class MembershipKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String roomId;
    private String userId;

    protected MembershipKey() {
    }

    public MembershipKey(String roomId, String userId) {
        this.roomId = Objects.requireNonNull(roomId, "roomId");
        this.userId = Objects.requireNonNull(userId, "userId");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MembershipKey other && roomId.equals(other.roomId) && userId.equals(other.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roomId, userId);
    }

    @Override
    public String toString() {
        return roomId + "/" + userId;
    }
}
