package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.StreamingManager;

/**
 * An application's say over inbound room messages: every CDI bean implementing this interface sees each
 * message before it is stored, whichever way it came (WebSocket, SSE, REST, {@code StreamingManager}), and may
 * let it through, rewrite it, or reject it. Filters run in the order of their {@code jakarta.annotation.Priority}
 * (lowest first; none counts as 1000), each seeing the previous one's result. Implementations must be
 * thread-safe and fast: they run inside the publishing transaction.
 */
public interface MessageFilter {

    /**
     * Decides about {@code message}.
     *
     * @return {@link FilterDecision#accept(InboundMessage)} with the message (possibly rewritten), or
     *         {@link FilterDecision#reject(String)}: the sender gets {@code forbidden} with that reason
     */
    FilterDecision filter(InboundMessage message);
}
