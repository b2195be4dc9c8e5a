package io.huddle.streaming.application.support;

/**
 * Huddle's own reaction to a committed change, such as turning it into frames for the room's connections. Called
 * by {@link AfterCommit} right after the commit, in commit order for the changes of one room, and before any
 * application observer of the same event; so it must be quick and must not block. Implementations are
 * application-scoped beans of Huddle's application layer.
 */
public interface CommitListener {

    /** {@code event} was committed. Never called for a rollback. */
    void committed(Object event);
}
