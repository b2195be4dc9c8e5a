package io.huddle.streaming.hub;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds back a room's live frames for one connection while history is replayed to it, so that the connection
 * sees replayed and live messages in seq order with no duplicates and no gaps: while the gate is open, live
 * frames of that room are buffered; closing it releases the buffered frames newer than the replay. Thread-safe.
 */
@ApplicationScoped
public class ReplayGates {

    private final Map<String, List<OutboundFrame>> open = new ConcurrentHashMap<>();

    /** Starts holding back {@code room}'s live frames for {@code connection}. */
    public void open(Connection connection, String room) {
        open.put(key(connection, room), new ArrayList<>());
    }

    /**
     * Buffers {@code frame} if a gate is open for this connection and room.
     *
     * @return whether the frame was buffered (and must not be sent now)
     */
    public boolean hold(Connection connection, String room, OutboundFrame frame) {
        if (open.isEmpty()) {
            return false;
        }
        List<OutboundFrame> buffer = open.get(key(connection, room));
        if (buffer == null) {
            return false;
        }
        synchronized (buffer) {
            if (open.get(key(connection, room)) != buffer) {
                return false;
            }
            buffer.add(frame);
            return true;
        }
    }

    /**
     * Stops holding back and sends what was buffered, skipping {@code message} frames with a seq at or below
     * {@code replayedUpTo} (the replay already carried them).
     */
    public void close(Connection connection, String room, long replayedUpTo, ConnectionRegistry registry) {
        List<OutboundFrame> buffer = open.get(key(connection, room));
        if (buffer == null) {
            return;
        }
        synchronized (buffer) {
            open.remove(key(connection, room));
            for (OutboundFrame frame : buffer) {
                if (frame.seq() == 0 || (frame.seq() > replayedUpTo && registry.advance(connection, room, frame.seq()))) {
                    connection.send(frame);
                }
            }
        }
    }

    private static String key(Connection connection, String room) {
        return connection.id() + '\n' + room;
    }
}
