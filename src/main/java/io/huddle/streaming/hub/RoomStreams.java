package io.huddle.streaming.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one connection has received of each room, and while history is being replayed to it, the room's live
 * frames held back. The messages a connection received of a room form one unbroken run of seqs: live delivery
 * extends it upwards (a live message is sent only above it, so never twice and never out of order), and a replay
 * sends what lies outside it, so a message that arrived live just before a resuming {@code join} does not hide the
 * older ones the client missed. Kept with the connection, so the fan-out hot path touches no shared map.
 * Thread-safe (one small lock per room of the connection).
 */
public final class RoomStreams {

    /**
     * One room's state for this connection. The object stays the same for the connection's life, so the fan-out
     * may keep it next to the connection and skip the lookup by room. Its state is guarded by its own lock.
     */
    public final class Stream {
        /** The run of message seqs received: {@code firstSeq..lastSeq}, empty when {@code firstSeq > lastSeq}. */
        private long firstSeq = 1;
        /** The highest seq received or passed over: live messages are sent only above it. */
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
                return frame.seq() == 0 || takeLive(this, frame.seq());
            }
        }
    }

    /** Created with the first room (a connection in no room, as many idle ones are, holds no map). */
    private Map<String, Stream> rooms;

    /** The state of {@code room}, created on first use; the same object on every call. */
    public synchronized Stream stream(String room) {
        if (rooms == null) {
            rooms = new HashMap<>(4);
        }
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

    /** A live message above everything received extends the run. */
    private static boolean takeLive(Stream stream, long seq) {
        if (seq <= stream.lastSeq) {
            return false;
        }
        if (stream.firstSeq > stream.lastSeq) {
            stream.firstSeq = seq;
        }
        stream.lastSeq = seq;
        return true;
    }

    /** Whether message {@code seq} of {@code room} is outside what this connection received (a replay sends it). */
    public boolean missing(String room, long seq) {
        Stream stream = stream(room);
        synchronized (stream) {
            return seq < stream.firstSeq || seq > stream.lastSeq;
        }
    }

    /** A replay sent every message after {@code since} up to {@code upTo} that was {@link #missing}. */
    public void replayed(String room, long since, long upTo) {
        Stream stream = stream(room);
        synchronized (stream) {
            if (stream.firstSeq > stream.lastSeq || since + 1 < stream.firstSeq) {
                stream.firstSeq = since + 1;
            }
            stream.lastSeq = Math.max(stream.lastSeq, upTo);
        }
    }

    /**
     * Live messages up to {@code seq} are not to be sent (the client starts after it, as a {@code join} without
     * {@code since} tells it); what was received stays as it is.
     */
    public void skipTo(String room, long seq) {
        Stream stream = stream(room);
        synchronized (stream) {
            skipTo(stream, seq);
        }
    }

    private static void skipTo(Stream stream, long seq) {
        if (seq <= stream.lastSeq) {
            return;
        }
        if (stream.firstSeq > stream.lastSeq) {
            stream.firstSeq = seq + 1;
        }
        stream.lastSeq = seq;
    }

    /**
     * Starts holding back {@code room}'s live frames (a replay is about to run); if they are held already, they
     * stay held, with what was held so far.
     */
    public void hold(String room) {
        Stream stream = stream(room);
        synchronized (stream) {
            if (stream.held == null) {
                stream.held = new ArrayList<>();
            }
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
        skipTo(stream, replayedUpTo);
        for (OutboundFrame frame : held) {
            if (frame.seq() == 0 || takeLive(stream, frame.seq())) {
                send.accept(frame);
            }
        }
    }
}
