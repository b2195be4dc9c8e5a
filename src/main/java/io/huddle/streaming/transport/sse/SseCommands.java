package io.huddle.streaming.transport.sse;

import io.huddle.streaming.application.session.ConnectionService;
import io.huddle.streaming.hub.CommandRelay;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.LocalCommands;
import io.huddle.streaming.protocol.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a command posted for an SSE stream of this node, whether it was posted here or to another node of the
 * cluster: only for the stream's own user, answered with the {@code ack} or {@code error} and the HTTP status of
 * its error code. Thread-safe.
 */
@ApplicationScoped
public class SseCommands implements LocalCommands {

    private static final CompletableFuture<Void> NOTHING_BEFORE = CompletableFuture.completedFuture(null);

    @Inject
    ConnectionService connections;

    @Inject
    ConnectionRegistry registry;

    @Override
    public Optional<CompletableFuture<CommandRelay.Answer>> run(String connectionId, String user, String command) {
        Connection connection = registry.find(connectionId);
        if (!(connection instanceof SseConnection stream) || !connection.user().equals(user)) {
            return Optional.empty();
        }
        stream.seen();
        return Optional.of(connections.submit(connection, command == null ? "" : command, NOTHING_BEFORE).thenApply(reply -> {
            CommandRelay.Answer answer = new CommandRelay.Answer(reply.error().map(ErrorCode::httpStatus).orElse(200), reply.json());
            reply.afterReply().run();
            return answer;
        }));
    }
}
