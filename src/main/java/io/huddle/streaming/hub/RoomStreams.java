package io.huddle.streaming.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one connection has received of each room: the highest message seq delivered, and while history is being
 * replayed to it, the room's live frames held back. Together they make a connection see every room message once
 * and in seq order, whatever races between replay and live delivery. Kept with the connection, so the fan-out
 * hot path touches no shared map. Thread-safe (one small lock per room of the connection).
 */
public final class RoomStreams {

    /**
     * One room's state for this connection. The object stays the same for the connection's life, so the fan-out
     * may keep it next to the connection and skip the lookup by room. Its state is guarded by its own lock.
     */
    public final class Stream {
        private long lastSeq;
        private List<OutboundFrame> held;

        private Stream() {
        }

        /**
         * Decides what happens to a live frame of this room: held back (a replay is running), dropped (a message
         * whose seq was already delivered), or to be sent now.
         *
         * @return whether the caller must send the frame now
         */
        public boolean admit(OutboundFrame frame) {
            synchronized (this) {
                if (held != null) {
                    held.add(frame);
                    return false;
                }
                return frame.seq() == 0 || advance(this, frame.seq());
            }
        }
    }

    private final Map<String, Stream> rooms = new HashMap<>(4);

    /** The state of {@code room}, created on first use; the same object on every call. */
    public synchronized Stream stream(String room) {
        return rooms.computeIfAbsent(room, r -> new Stream());
    }

    /**
     * Decides what happens to a live frame of {@code room}: see {@link Stream#admit}.
     *
     * @return whether the caller must send the frame now
     */
    public boolean admit(String room, OutboundFrame frame) {
        return stream(room).admit(frame);
    }

    /**
     * Records that message {@code seq} of {@code room} is about to be sent; {@code false} if that seq or a later
     * one already was (do not send).
     */
    public boolean advance(String room, long seq) {
        Stream stream = stream(room);
        synchronized (stream) {
            return advance(stream, seq);
        }
    }

    private static boolean advance(Stream stream, long seq) {
        if (seq <= stream.lastSeq) {
            return false;
        }
        stream.lastSeq = seq;
        return true;
    }

    /** Starts holding back {@code room}'s live frames (a replay is about to run). */
    public void hold(String room) {
        Stream stream = stream(room);
        synchronized (stream) {
            stream.held = new ArrayList<>();
        }
    }

    /**
     * Stops holding back and hands {@code send}, in order, the held frames still due: every frame that is not a
     * message, and messages above both {@code replayedUpTo} and the last seq delivered. {@code send} runs under
     * the room's lock (so no live frame overtakes them) and must not block.
     */
    public void release(String room, long replayedUpTo, Consumer<OutboundFrame> send) {
        Stream stream = stream(room);
        synchronized (stream) {
            release(stream, replayedUpTo, send);
        }
    }

    private static void release(Stream stream, long replayedUpTo, Consumer<OutboundFrame> send) {
        if (stream.held == null) {
            return;
        }
        List<OutboundFrame> held = stream.held;
        stream.held = null;
        if (stream.lastSeq < replayedUpTo) {
            stream.lastSeq = replayedUpTo;
        }
        for (OutboundFrame frame : held) {
            if (frame.seq() == 0 || advance(stream, frame.seq())) {
                send.accept(frame);
            }
        }
    }
}
