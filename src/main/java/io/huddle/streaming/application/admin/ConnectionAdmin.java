package io.huddle.streaming.application.admin;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.presence.PresenceService;
import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.ConnectionList;
import io.huddle.streaming.application.view.ConnectionView;
import io.huddle.streaming.application.view.ServerStats;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.channel.ChannelRepository;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.ChannelIndex;
import io.huddle.streaming.hub.ClusterConnectionList;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.ConnectionSummary;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.Traffic;
import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Connection administration and the server's figures, for trusted actors only ({@code forbidden} otherwise).
 * Lists the connections open on every node (all, or one user's), closes one connection wherever in the cluster it is
 * open (a {@code system kicked} frame, then close code 4409), and reads the server's figures; the message and frame
 * rates are sampled every {@value #SAMPLE_SECONDS} seconds from {@link Traffic}'s counters. Thread-safe.
 */
@ApplicationScoped
public class ConnectionAdmin {

    /** How often the rates are sampled. */
    public static final int SAMPLE_SECONDS = 5;

    @Inject
    ConnectionRegistry registry;

    @Inject
    ChannelIndex channels;

    @Inject
    RoomRepository rooms;

    @Inject
    ChannelRepository channelRepository;

    @Inject
    PresenceService presence;

    @Inject
    Broker broker;

    @Inject
    ClusterConnectionList cluster;

    @Inject
    Traffic traffic;

    @Inject
    Transactions tx;

    @Inject
    StreamingConfig config;

    private final Instant started = Instant.now();
    private volatile Sample last = new Sample(System.nanoTime(), 0, 0, 0, 0);
    private ScheduledFuture<?> sampler;

    /** One reading of the counters, and the rates since the reading before. */
    private record Sample(long nanos, long in, long out, double inPerSecond, double outPerSecond) {
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        sampler = Scheduled.every(Duration.ofSeconds(SAMPLE_SECONDS), "traffic sampling", this::sample);
    }

    @PreDestroy
    void stop() {
        if (sampler != null) {
            sampler.cancel(false);
        }
    }

    void sample() {
        Sample before = last;
        long now = System.nanoTime();
        long in = traffic.messagesIn();
        long out = traffic.framesOut();
        double seconds = Math.max(1e-9, (now - before.nanos()) / 1e9);
        last = new Sample(now, in, out, (in - before.in()) / seconds, (out - before.out()) / seconds);
    }

    /**
     * The connections open on every node of the cluster, of {@code user} only if given, the oldest first. Asks the
     * other nodes and waits for their answers, at most the cluster's listing timeout; a node that did not answer
     * is named in the result.
     */
    public ConnectionList connections(Actor actor, Optional<String> user) {
        requireTrusted(actor, "list connections");
        user.ifPresent(Validation::userId);
        CompletableFuture<ClusterConnectionList.Listing> others = cluster.others(user);
        List<ConnectionSummary> all = new ArrayList<>();
        for (Connection c : user.isPresent() ? registry.ofUser(user.get()) : registry.all()) {
            all.add(ConnectionSummary.of(c, config.nodeId(), List.copyOf(channels.channelsOf(c))));
        }
        ClusterConnectionList.Listing listing = others.join();
        all.addAll(listing.connections());
        all.sort(Comparator.comparing(ConnectionSummary::openedAt).thenComparing(ConnectionSummary::id));
        Map<String, List<String>> roomsByUser = new TreeMap<>();
        List<ConnectionView> views = tx.required(() -> all.stream().map(c -> new ConnectionView(c.id(), c.user(),
                c.transport(), c.node(), c.openedAt(), c.lastSeen(), roomsByUser.computeIfAbsent(c.user(), rooms::roomIdsOf),
                c.channels(), c.client())).toList());
        return new ConnectionList(views, listing.unanswered());
    }

    /**
     * Closes connection {@code id} wherever it is open, with a {@code system kicked} frame carrying {@code reason}
     * and close code 4409; a connection that is not open (any more) is not an error.
     */
    public void close(Actor actor, String id, String reason) {
        requireTrusted(actor, "close connections");
        if (id == null || id.isBlank() || id.length() > 128) {
            throw Validation.bad("a connection id is 1 to 128 characters");
        }
        String why = Validation.optionalText("reason", Optional.ofNullable(reason), Validation.MAX_REASON)
                .orElse("closed by an administrator");
        broker.publish(Envelope.closeConnection(id, OutboundFrame.of("system", Frames.system("kicked", why)),
                CloseCodes.KICKED));
    }

    /** The server's figures now. */
    public ServerStats stats(Actor actor) {
        requireTrusted(actor, "read the server's figures");
        Map<String, Integer> byTransport = new TreeMap<>(Map.of("websocket", 0, "sse", 0));
        for (Connection c : registry.all()) {
            byTransport.merge(c.transport(), 1, Integer::sum);
        }
        Sample sample = last;
        return tx.required(() -> new ServerStats(config.nodeId(), byTransport, presence.onlineUsers().size(),
                rooms.countRooms(), channelRepository.all().size(), sample.inPerSecond(), sample.outPerSecond(),
                traffic.messagesIn(), traffic.framesOut(), Duration.between(started, Instant.now())));
    }

    private static void requireTrusted(Actor actor, String what) {
        if (!actor.isTrusted()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only administrators may " + what);
        }
    }
}
