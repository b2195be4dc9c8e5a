package io.huddle.streaming.application;

import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The feature switches ({@code streaming.features.*}) as checks: a client asking for a feature that is turned off
 * gets {@code feature_disabled}. Thread-safe.
 */
@ApplicationScoped
public class Features {

    @Inject
    StreamingConfig config;

    /** {@code feature_disabled} unless rooms are on. */
    public void requireRooms() {
        require(config.roomsEnabled(), "rooms");
    }

    /** {@code feature_disabled} unless message history is on. */
    public void requireHistory() {
        require(config.historyEnabled(), "message history");
    }

    /** Whether message history is on. */
    public boolean history() {
        return config.historyEnabled();
    }

    private static void require(boolean enabled, String feature) {
        if (!enabled) {
            throw new HuddleException(ErrorCode.FEATURE_DISABLED, feature + " turned off on this server");
        }
    }
}
