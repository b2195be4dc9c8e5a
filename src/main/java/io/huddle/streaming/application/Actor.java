package io.huddle.streaming.application;

import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.domain.UserId;

import java.util.Optional;

/**
 * Who asks for an action. Three kinds:
 * <ul>
 *   <li>a user, whose role in the room decides what is allowed;</li>
 *   <li>an administrator: a named user trusted with every room, who passes every permission check and is
 *       recorded by name (as author, in the moderation log and in {@code by} fields);</li>
 *   <li>the system: trusted application code, recorded as {@code system}.</li>
 * </ul>
 * Trusted actors (administrators and the system) skip permission checks, never room rules (bans, max members,
 * private rooms, archiving). Immutable.
 *
 * @param user    the acting user; empty for the system
 * @param trusted whether permission checks are skipped (always for the system)
 */
public record Actor(Optional<String> user, boolean trusted) {

    private static final Actor SYSTEM = new Actor(Optional.empty(), true);

    public Actor {
        user.ifPresent(UserId::of);
        if (user.isEmpty() && !trusted) {
            throw new IllegalArgumentException("an actor without a user is the system, which is trusted");
        }
    }

    /** Trusted application code. */
    public static Actor system() {
        return SYSTEM;
    }

    /** The user {@code id}; throws {@code InvalidIdentifierException} if it is not a valid user id. */
    public static Actor user(String id) {
        return new Actor(Optional.of(UserId.of(id).value()), false);
    }

    /** The administrator {@code id}: trusted, and recorded by name. */
    public static Actor administrator(String id) {
        return new Actor(Optional.of(UserId.of(id).value()), true);
    }

    /** Whether permission checks are skipped: the system or an administrator. */
    public boolean isTrusted() {
        return trusted;
    }

    /** Whether this is the system itself (no user). */
    public boolean isSystem() {
        return user.isEmpty();
    }

    /** Whether this is an ordinary user, held to the permission checks. */
    public boolean isUser() {
        return !trusted;
    }

    /**
     * Checks that this actor may act for {@code user}: the user themselves, or a trusted actor; {@code bad_request}
     * if {@code user} is not a user id, {@code forbidden} saying "a user cannot {@code what}" otherwise.
     */
    public void requireActsFor(String user, String what) {
        Validation.userId(user);
        if (!trusted && !name().equals(user)) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "a user cannot " + what);
        }
    }

    /** The name written in logs, moderation entries and authorship: the user id, or {@code system}. */
    public String name() {
        return user.orElse("system");
    }
}
