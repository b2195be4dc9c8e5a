package io.huddle.streaming.transport.websocket;

import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.hub.QueuedConnection;
import io.huddle.streaming.hub.SharedThreads;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection over a WebSocket session, written by one writer at a time: a frame is written directly while the
 * client has provably read all but a small budget of what was written before it ({@link ReadProof}). Beyond the
 * budget, a client that answers quickly gets the frame directly when the pong of the probe on its way arrives
 * (on the thread that reads the pong); any other gets it through the session's asynchronous sender. So a client
 * that does not read never blocks the writer. However it is written, a frame that would leave more than the unread
 * limit beyond the proof waits for a pong, so that a client that stopped reading is not written to until the
 * operating system's buffers are full (see {@link ReadProof}); its frames wait in the send queue instead. Heartbeats
 * are WebSocket pings written through the same queue.
 * Thread-safe.
 */
final class WebSocketConnection extends QueuedConnection {

    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());
    /** The outcome of every write that finished at once (shared: its readers never change it). */
    private static final CompletableFuture<Void> WRITTEN = CompletableFuture.completedFuture(null);

    /** The most a WebSocket frame header adds to a text frame. */
    private static final int HEADER = 14;

    private static final AtomicReferenceFieldUpdater<WebSocketConnection, Parked> PARKED =
            AtomicReferenceFieldUpdater.newUpdater(WebSocketConnection.class, Parked.class, "parked");

    private final Session session;
    /** The frame waiting for a pong before it is written directly, if any (it holds the writer role). */
    private volatile Parked parked;
    private final ReadProof readProof;
    /** Runs the heartbeat pings, which could block, so that no caller's thread waits. */
    private final Executor blockingWrites;
    /** Runs the closes of clients that do not read, each of which holds its thread for seconds. */
    private final Executor blockingCloses;

    /**
     * @param directWriteBudget how many bytes may be written directly beyond what the client has provably read
     *                          (see {@link ReadProof}); 0 sends every frame asynchronously
     * @param unreadLimit       how many bytes may be written in all beyond what the client has provably read before
     *                          frames wait for a pong; 0 for no limit
     */
    WebSocketConnection(String id, String user, Session session, int queueCapacity, long directWriteBudget,
                        int unreadLimit, Executor blockingWrites, Executor blockingCloses, Meters meters) {
        super(id, user, queueCapacity, meters);
        this.session = session;
        this.readProof = new ReadProof(directWriteBudget, unreadLimit);
        this.blockingWrites = blockingWrites;
        this.blockingCloses = blockingCloses;
    }

    @Override
    protected CompletionStage<?> write(OutboundFrame frame) {
        try {
            if (OutboundFrame.HEARTBEAT.equals(frame.type())) {
                ByteBuffer ping = readProof.heartbeat();
                // The container has no non-blocking ping, and the heartbeat task writes to every connection in
                // turn: each heartbeat ping is written by a task of its own on the pool that takes writes that may
                // block. A blocking ping written by the heartbeat task itself was seen to wait forever inside
                // Liberty's TCP channel while the connection's other frames went through the asynchronous sender,
                // which stopped the heartbeats of every connection.
                return pingWhereWritesMayBlock(ping);
            }
            String json = frame.json();
            long bytes = json.length() + HEADER;
            boolean mayBlock = !SharedThreads.onSharedThread();
            if (mayBlock && readProof.allowsDirect(bytes)) {
                writeDirectly(json, bytes);
                return WRITTEN;
            }
            if (mayBlock && readProof.worthAwaiting(bytes)) {
                return park(new Parked(json, bytes, false));
            }
            if (readProof.beyondLimit(bytes)) {
                return holdUntilRead(new Parked(json, bytes, true));
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            writeAsync(json, bytes, done);
            return done;
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Parks {@code waiting} until a pong lets it go; the stage completes once it was written. */
    private CompletionStage<?> park(Parked waiting) {
        parked = waiting;
        // The pong may have arrived before the frame was parked.
        writeParkedIfProven();
        return waiting.written;
    }

    /**
     * Parks a frame beyond the unread limit, after a probe that follows everything written unless the one on its
     * way will do. That ping follows bytes the client may not have read, so it is written where a write may block.
     */
    private CompletionStage<?> holdUntilRead(Parked waiting) {
        ByteBuffer probe = readProof.probeBeyondLimit(waiting.bytes);
        if (probe == null) {
            return park(waiting);
        }
        return pingWhereWritesMayBlock(probe).thenCompose(sent -> park(waiting));
    }

    private CompletableFuture<Void> pingWhereWritesMayBlock(ByteBuffer payload) {
        return CompletableFuture.runAsync(() -> {
            try {
                session.getBasicRemote().sendPing(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, blockingWrites);
    }

    /** Writes through the container's asynchronous sender; {@code done} completes when the container took it. */
    private void writeAsync(String json, long bytes, CompletableFuture<Void> done) {
        readProof.wrote(bytes);
        session.getAsyncRemote().sendText(json, result -> {
            if (!result.isOK()) {
                done.completeExceptionally(result.getException());
                return;
            }
            try {
                if (readProof.pingIsSafe()) {
                    probeIfDue();
                }
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    /**
     * A heartbeat is due. A frame still parked since the heartbeat before this one waited a whole interval for a
     * pong: the client no longer answers pings (though it may still read), so it is no longer waited for, and the
     * frame goes through the asynchronous sender.
     */
    @Override
    public void heartbeat() {
        Parked waiting = parked;
        if (waiting != null && waiting.heartbeats++ > 0 && PARKED.compareAndSet(this, waiting, null)) {
            readProof.forgetAnswers();
            try {
                writeAsync(waiting.json, waiting.bytes, waiting.written);
            } catch (RuntimeException e) {
                waiting.written.completeExceptionally(e);
            }
        }
        super.heartbeat();
    }

    private void writeDirectly(String json, long bytes) throws IOException {
        session.getBasicRemote().sendText(json);
        readProof.wrote(bytes);
        probeIfDue();
    }

    /**
     * Writes the parked frame if the client has now read enough: directly within the budget, or, for a frame held
     * to the unread limit, through the asynchronous sender within the limit. Whoever takes it from the field
     * writes it.
     */
    private void writeParkedIfProven() {
        Parked waiting = parked;
        if (waiting == null) {
            return;
        }
        boolean direct = readProof.allowsDirect(waiting.bytes);
        if (!direct && (!waiting.heldToLimit || readProof.beyondLimit(waiting.bytes))
                || !PARKED.compareAndSet(this, waiting, null)) {
            return;
        }
        try {
            if (direct) {
                writeDirectly(waiting.json, waiting.bytes);
                waiting.written.complete(null);
            } else {
                writeAsync(waiting.json, waiting.bytes, waiting.written);
            }
        } catch (IOException | RuntimeException e) {
            waiting.written.completeExceptionally(e);
        }
    }

    /**
     * Sends a read probe if one is due; called while holding the writer role, after a frame was written, and
     * only while the client is provably within the budget (so the ping cannot block).
     */
    private void probeIfDue() throws IOException {
        ByteBuffer probe = readProof.probe();
        if (probe != null) {
            session.getBasicRemote().sendPing(probe);
        }
    }

    /** A pong arrived: it may prove the client has read further. */
    void ponged(ByteBuffer payload) {
        seen();
        readProof.confirm(payload);
        if (parked != null) {
            writeParkedIfProven();
        }
    }

    @Override
    protected void closeTransport(int code, String reason) {
        Runnable close = () -> {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "closing connection " + id() + " failed");
            }
        };
        if (code != CloseCodes.SLOW_CONSUMER && code != CloseCodes.HEARTBEAT_TIMEOUT) {
            close.run();
            return;
        }
        // The client does not read, and closing writes a close frame, which then waits (see BlockingCloses):
        // not on the caller's thread (the heartbeat task or a fan-out), nor on the container's shared pool.
        try {
            blockingCloses.execute(close);
        } catch (RuntimeException e) {
            close.run();
        }
    }

    /** A frame waiting for the client's pong; {@code written} completes once it was written. */
    private static final class Parked {
        final String json;
        final long bytes;
        /** Whether it waits because it would pass the unread limit (not only the direct-write budget). */
        final boolean heldToLimit;
        final CompletableFuture<Void> written = new CompletableFuture<>();
        /** Heartbeats that came while it waited (only the heartbeat task counts them). */
        int heartbeats;

        Parked(String json, long bytes, boolean heldToLimit) {
            this.json = json;
            this.bytes = bytes;
            this.heldToLimit = heldToLimit;
        }
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public boolean isBidirectional() {
        return true;
    }
}
