package io.huddle.streaming.application.session;

import io.huddle.streaming.hub.Connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The commands of one bidirectional connection, pipelined: a {@code publish} to a room is stored while the
 * connection's next frames are read and handled, up to {@value #MAX_PENDING} publishes waiting for storage at a
 * time (the next frame is then taken once one is stored, so a fast client is slowed, not buffered without
 * bound). Replies leave in the order of the commands; any other command is carried out only once the publishes
 * before it are stored. Frames must be handed in one at a time, as a WebSocket container does for one session;
 * replies are handed out on whichever thread completes them.
 */
public final class CommandPipeline {

    /** Publishes of one connection that may wait for storage at a time. */
    public static final int MAX_PENDING = 64;

    private static final Logger LOG = Logger.getLogger(CommandPipeline.class.getName());

    private final ConnectionService service;
    private final Connection connection;
    private final Consumer<Reply> replies;
    /** Every pipeline's tail before its first command that had to wait: one object for all idle connections. */
    private static final CompletableFuture<Void> NOTHING_PENDING = CompletableFuture.completedFuture(null);

    private final Semaphore pending = new Semaphore(MAX_PENDING);
    /** Completes once every reply so far is handed out. Written only by the thread handing in a frame. */
    private volatile CompletableFuture<Void> tail = NOTHING_PENDING;

    /**
     * @param replies takes each reply in order (e.g. sends it and runs its {@link Reply#afterReply()})
     */
    public CommandPipeline(ConnectionService service, Connection connection, Consumer<Reply> replies) {
        this.service = service;
        this.connection = connection;
        this.replies = replies;
    }

    /** Handles one inbound frame; may wait while {@value #MAX_PENDING} publishes are waiting for storage. */
    public void accept(String text) {
        pending.acquireUninterruptibly();
        CompletableFuture<Reply> reply = service.submit(connection, text, tail);
        if (tail.isDone() && reply.isDone()) {
            handOut(reply.join());
            return;
        }
        tail = tail.thenCombine(reply, (before, r) -> r).handle((r, failure) -> {
            if (failure == null) {
                handOut(r);
            } else {
                pending.release();
                LOG.log(Level.WARNING, failure, () -> "a reply on connection " + connection.id() + " was lost");
            }
            return null;
        });
    }

    private void handOut(Reply reply) {
        try {
            replies.accept(reply);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "a reply could not be sent on connection " + connection.id());
        } finally {
            pending.release();
        }
    }
}
