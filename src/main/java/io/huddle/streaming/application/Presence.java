package io.huddle.streaming.application;

import io.huddle.streaming.hub.ConnectionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A user's presence as another user sees it: {@code online} while the user has a connection open on this
 * node, {@code offline} otherwise. Thread-safe.
 */
@ApplicationScoped
public class Presence {

    @Inject
    ConnectionRegistry registry;

    /** The status of {@code user} as {@code viewer} sees it. */
    public String statusSeenBy(String user, String viewer) {
        return registry.ofUser(user).isEmpty() ? "offline" : "online";
    }
}
