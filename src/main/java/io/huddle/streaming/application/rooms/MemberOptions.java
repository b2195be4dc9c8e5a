package io.huddle.streaming.application.rooms;

import io.huddle.streaming.domain.room.Role;

import java.util.Objects;
import java.util.Optional;

/**
 * How a user joins a room. Immutable.
 *
 * @param role   the role to join with; only the system or a member ranking above that role may grant
 *               more than {@code member}, and nobody joins as {@code owner}
 * @param invite an invite code (required for private rooms unless the system or a moderator adds the user)
 */
public record MemberOptions(Role role, Optional<String> invite) {

    public MemberOptions {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(invite, "invite");
    }

    /** A plain member, no invite. */
    public static MemberOptions member() {
        return new MemberOptions(Role.MEMBER, Optional.empty());
    }

    public MemberOptions withRole(Role newRole) {
        return new MemberOptions(newRole, invite);
    }

    public MemberOptions withInvite(String code) {
        return new MemberOptions(role, Optional.ofNullable(code));
    }
}
