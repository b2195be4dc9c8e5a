package io.huddle.streaming.infrastructure.metrics;

import io.huddle.streaming.application.presence.PresenceService;
import io.huddle.streaming.application.session.Draining;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.BrokerStats;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.RoomIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The state of this node as MicroProfile Metrics gauges, each read when {@code /metrics} is scraped and never on
 * the hot path: open connections by transport, users connected here and online anywhere, rooms with a member
 * connected here, frames waiting in send queues (all of them, and the longest queue), whether the node drains,
 * and what the cluster's messaging did since start (envelopes sent, received and dropped, reconnects). The
 * cluster's figures are counts since start, exposed as gauges because the broker keeps them (MicroProfile Metrics
 * 5.1 has no counter read from a function); Prometheus's {@code rate()} treats them as counters.
 */
@ApplicationScoped
public class NodeGauges {

    @Inject
    MetricRegistry registry;

    @Inject
    ConnectionRegistry connections;

    @Inject
    RoomIndex rooms;

    @Inject
    PresenceService presence;

    @Inject
    Draining draining;

    @Inject
    Broker broker;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (String transport : new String[]{"websocket", "sse"}) {
            gauge("huddle.connections", "Connections open on this node", () -> connections.all().stream()
                    .filter(c -> c.transport().equals(transport)).count(), new Tag("transport", transport));
        }
        gauge("huddle.users.connected", "Users with a connection open on this node", connections::userCount);
        gauge("huddle.users.online", "Users online anywhere in the cluster", () -> presence.onlineUsers().size());
        gauge("huddle.rooms.active", "Rooms with a member connected to this node", rooms::size);
        gauge("huddle.sendqueue.frames", "Frames waiting in this node's send queues", () -> connections.all()
                .stream().mapToLong(Connection::queued).sum());
        gauge("huddle.sendqueue.longest", "Frames waiting in this node's longest send queue", () -> connections.all()
                .stream().mapToLong(Connection::queued).max().orElse(0));
        gauge("huddle.draining", "1 while this node drains, 0 otherwise", () -> draining.draining() ? 1 : 0);
        cluster("huddle.cluster.sent", "Envelopes sent to the other nodes since start", BrokerStats::sent);
        cluster("huddle.cluster.received", "Envelopes received from the other nodes since start", BrokerStats::received);
        cluster("huddle.cluster.dropped", "Envelopes not sent (broker away or send queue full) since start",
                BrokerStats::dropped);
        cluster("huddle.cluster.reconnects", "Times the subscription to the cluster was lost and made again",
                BrokerStats::reconnects);
    }

    private void cluster(String name, String description, ToLongFunction<BrokerStats> figure) {
        gauge(name, description, () -> figure.applyAsLong(broker.stats()));
    }

    private void gauge(String name, String description, Supplier<Number> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                () -> value.get().longValue(), tags);
    }
}
