package io.huddle.streaming.application.rooms;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A new invite code's limits. Immutable.
 *
 * @param maxUses   how many users may join with it, at least 1; empty for unlimited
 * @param expiresIn how long it stays valid, positive; empty for no expiry
 */
public record InviteOptions(Optional<Integer> maxUses, Optional<Duration> expiresIn) {

    public InviteOptions {
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    /** An invite with no limit of uses and no expiry. */
    public static InviteOptions unlimited() {
        return new InviteOptions(Optional.empty(), Optional.empty());
    }
}
