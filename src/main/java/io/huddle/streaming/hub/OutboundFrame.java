package io.huddle.streaming.hub;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * A server frame ready to send: its type, its JSON text (encoded once, shared by every recipient), whether it
 * may be dropped under back-pressure, and for a room {@code message} the room and seq (SSE streams build their
 * resume cursor from them). Immutable and thread-safe.
 *
 * @param type      the frame's {@code type}, e.g. {@code message}
 * @param json      the whole frame as JSON text
 * @param droppable whether a slow connection may lose it (typing, presence) rather than be closed
 * @param room      the room of a room {@code message} frame
 * @param seq       the seq of a room {@code message} frame, 0 otherwise
 */
public record OutboundFrame(String type, String json, boolean droppable, Optional<String> room, long seq)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public OutboundFrame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(room, "room");
    }

    /** The type of the transport-level heartbeat (a WebSocket ping, an SSE comment line), never a JSON frame. */
    public static final String HEARTBEAT = ":heartbeat";

    private static final OutboundFrame HEARTBEAT_FRAME = new OutboundFrame(HEARTBEAT, "", true, Optional.empty(), 0);

    /** The transport-level heartbeat: droppable, written by each transport its own way. */
    public static OutboundFrame heartbeat() {
        return HEARTBEAT_FRAME;
    }

    /** A frame that must be delivered (or the connection closed). */
    public static OutboundFrame of(String type, String json) {
        return new OutboundFrame(type, json, false, Optional.empty(), 0);
    }

    /** A frame that a slow connection may lose. */
    public static OutboundFrame droppable(String type, String json) {
        return new OutboundFrame(type, json, true, Optional.empty(), 0);
    }

    /** A room {@code message} frame. */
    public static OutboundFrame roomMessage(String room, long seq, String json) {
        return new OutboundFrame("message", json, false, Optional.of(room), seq);
    }
}
