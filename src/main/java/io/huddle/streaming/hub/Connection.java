package io.huddle.streaming.hub;

import java.time.Instant;

/**
 * One client connection, whatever its transport. Implementations are thread-safe: any thread may send to or
 * close any connection.
 */
public interface Connection {

    /** A server-assigned id, unique across the cluster. */
    String id();

    /** The authenticated user; never {@code null}. */
    String user();

    /** The transport's name: {@code websocket} or {@code sse}. */
    String transport();

    /** Whether the client sends commands on the connection itself (WebSocket) or separately (SSE + POST). */
    boolean isBidirectional();

    /** When the connection was opened. */
    Instant openedAt();

    /** When the client last showed it is alive (any inbound frame, a pong, or for SSE a successful write). */
    Instant lastSeen();

    /** What the client said about itself when it connected ({@code client} parameter), empty if nothing. */
    default String client() {
        return "";
    }

    /**
     * Sends {@code frame}, or queues it when a write is in progress or the client is behind; never waits for the
     * client. Frames are written in the order given. If the queue is full, a droppable frame is dropped, and a frame that is not droppable
     * closes the connection with 4500. After {@link #close} this does nothing.
     */
    void send(OutboundFrame frame);

    /** How many frames wait in the send queue now. */
    default int queued() {
        return 0;
    }

    /** The close code the server closed the connection with, 0 while it did not. */
    default int closeCode() {
        return 0;
    }

    /** The reason the server gave when it closed the connection, empty while it did not. */
    default String closeReason() {
        return "";
    }

    /** Sends the transport's heartbeat ({@link OutboundFrame#heartbeat()}); called once per heartbeat interval. */
    default void heartbeat() {
        send(OutboundFrame.heartbeat());
    }

    /** What this connection has received of each room (message seqs, frames held back during a replay). */
    RoomStreams roomStreams();

    /**
     * Closes the connection with a WebSocket close code (SSE closes the stream). Idempotent; never throws.
     */
    void close(int code, String reason);
}
