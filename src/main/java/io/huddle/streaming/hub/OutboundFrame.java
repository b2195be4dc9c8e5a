package io.huddle.streaming.hub;

import java.util.Objects;
import java.util.Optional;

/**
 * A server frame ready to send: its type, its JSON text (encoded once, shared by every recipient), whether it
 * may be dropped under back-pressure, and for SSE the event id to write with it. Immutable and thread-safe.
 *
 * @param type      the frame's {@code type}, e.g. {@code message}
 * @param json      the whole frame as JSON text
 * @param droppable whether a slow connection may lose it (typing, presence) rather than be closed
 * @param eventId   the SSE {@code id:} line for this frame, if any
 */
public record OutboundFrame(String type, String json, boolean droppable, Optional<String> eventId) {

    public OutboundFrame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(eventId, "eventId");
    }

    /** A frame that must be delivered (or the connection closed). */
    public static OutboundFrame of(String type, String json) {
        return new OutboundFrame(type, json, false, Optional.empty());
    }
}
