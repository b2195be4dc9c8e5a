package io.huddle.streaming.domain.room;

import java.time.Instant;
import java.util.List;

/**
 * Which users refuse direct messages from which. Implementations are thread-safe; every method joins the caller's
 * transaction.
 */
public interface Blocks {

    /** {@code user} refuses direct messages from {@code blocked}; returns false if that was so already. */
    boolean block(String user, String blocked, Instant now);

    /** {@code user} takes direct messages from {@code blocked} again; returns whether there was a block. */
    boolean unblock(String user, String blocked);

    /** Whether {@code user} blocks {@code other}. */
    boolean blocks(String user, String other);

    /** The users {@code user} blocks, by id. */
    List<String> blockedBy(String user);
}
