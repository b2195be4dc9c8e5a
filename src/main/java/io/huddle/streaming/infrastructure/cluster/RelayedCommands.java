package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.CommandRelay;
import io.huddle.streaming.hub.ConnectionIds;
import io.huddle.streaming.hub.LocalCommands;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link CommandRelay} of a cluster, over its topic: a {@code command} names the node the connection id
 * names, that node runs it ({@link LocalCommands}, on the container's executor) and sends a
 * {@code command-reply} to the node that asked, which completes the caller's future. A connection id naming no
 * node of the cluster is answered at once (no such connection); a node that does not answer within
 * {@code timeout} completes the future exceptionally, so no request waits longer for a dead node. Thread-safe.
 */
final class RelayedCommands implements CommandRelay, Replica {

    static final String COMMAND = "command";
    static final String REPLY = "command-reply";
    private static final Logger LOG = Logger.getLogger(RelayedCommands.class.getName());

    private final String self;
    private final TopicSender sender;
    private final Supplier<Set<String>> nodes;
    private final Supplier<LocalCommands> local;
    private final Executor executor;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Optional<Answer>>> waiting = new ConcurrentHashMap<>();

    RelayedCommands(String self, TopicSender sender, Supplier<Set<String>> nodes, Supplier<LocalCommands> local,
                    Executor executor, Duration timeout) {
        this.self = self;
        this.sender = sender;
        this.nodes = nodes;
        this.local = local;
        this.executor = executor;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Optional<Answer>> relay(String connection, String user, String command) {
        Optional<String> node = ConnectionIds.nodeOf(connection);
        if (node.isEmpty() || node.get().equals(self) || !nodes.get().contains(node.get())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<Optional<Answer>> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((a, e) -> waiting.remove(id));
        sender.control(COMMAND, Bodies.write(out -> {
            out.writeUTF(id);
            out.writeUTF(node.get());
            out.writeUTF(connection);
            out.writeUTF(user);
            Bodies.writeText(out, command);
        }));
        return answer;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(COMMAND, REPLY);
    }

    @Override
    public void received(String from, String kind, byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            String id = in.readUTF();
            String to = in.readUTF();
            if (!to.equals(self)) {
                return;
            }
            if (COMMAND.equals(kind)) {
                String connection = in.readUTF();
                String user = in.readUTF();
                String command = Bodies.readText(in);
                executor.execute(() -> run(from, id, connection, user, command));
            } else {
                CompletableFuture<Optional<Answer>> answer = waiting.remove(id);
                if (answer != null) {
                    answer.complete(in.readBoolean() ? Optional.of(new Answer(in.readInt(), Bodies.readText(in))) : Optional.empty());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + kind + " message from node " + from, e);
        }
    }

    private void run(String from, String id, String connection, String user, String command) {
        Optional<CompletableFuture<Answer>> running;
        try {
            running = local.get().run(connection, user, command);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not run a command relayed from node " + from, e);
            return;
        }
        if (running.isEmpty()) {
            reply(from, id, Optional.empty());
        } else {
            running.get().whenComplete((answer, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "a command relayed from node " + from + " failed", failure);
                } else {
                    reply(from, id, Optional.of(answer));
                }
            });
        }
    }

    private void reply(String to, String id, Optional<Answer> answer) {
        sender.control(REPLY, Bodies.write(out -> {
            out.writeUTF(id);
            out.writeUTF(to);
            out.writeBoolean(answer.isPresent());
            if (answer.isPresent()) {
                out.writeInt(answer.get().status());
                Bodies.writeText(out, answer.get().json());
            }
        }));
    }

    @Override
    public List<TopicSender.Outgoing> snapshot() {
        return List.of();
    }

    @Override
    public void forget(String node) {
        // Commands waiting for that node end by their timeout.
    }
}
