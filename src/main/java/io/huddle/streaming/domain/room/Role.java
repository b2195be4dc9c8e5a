package io.huddle.streaming.domain.room;

import java.util.Locale;
import java.util.Optional;

/**
 * A member's role in a room, highest first. A role includes every permission of the roles below it.
 */
public enum Role {
    OWNER, ADMIN, MODERATOR, MEMBER;

    /** Whether this role ranks at least as high as {@code other}. */
    public boolean atLeast(Role other) {
        return compareTo(other) <= 0;
    }

    /** Whether this role ranks strictly higher than {@code other}. */
    public boolean above(Role other) {
        return compareTo(other) < 0;
    }

    /** The wire name: {@code owner}, {@code admin}, {@code moderator}, {@code member}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with the given wire name, or empty for anything else (including {@code null}). */
    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
