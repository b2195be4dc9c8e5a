package io.huddle.streaming.application;

import io.huddle.streaming.domain.UserId;

import java.util.Optional;

/**
 * Who asks for an action: a user, whose role in the room decides what is allowed, or the system (trusted
 * application code: every permission check is skipped, every room rule still holds). Immutable.
 *
 * @param user the acting user; empty for the system
 */
public record Actor(Optional<String> user) {

    private static final Actor SYSTEM = new Actor(Optional.empty());

    public Actor {
        user.ifPresent(UserId::of);
    }

    /** Trusted application code. */
    public static Actor system() {
        return SYSTEM;
    }

    /** The user {@code id}; throws {@code InvalidIdentifierException} if it is not a valid user id. */
    public static Actor user(String id) {
        return new Actor(Optional.of(UserId.of(id).value()));
    }

    public boolean isSystem() {
        return user.isEmpty();
    }

    /** The name written in logs and moderation entries: the user id, or {@code system}. */
    public String name() {
        return user.orElse("system");
    }
}
