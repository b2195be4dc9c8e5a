package io.huddle.streaming.hub;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events operators count and time, as MicroProfile Metrics in the application registry (scraped from
 * {@code /metrics}): connections opened and closed (by transport and close code), frames dropped from full send
 * queues (by frame type), error replies (by code and path: websocket, sse or rest), and the time of a history
 * write, of a room fan-out and of a hop between nodes. Every event is counted where it happens, once per event and
 * never once per delivered frame; a counter that exists is found again without allocating. Thread-safe.
 */
@ApplicationScoped
public class Meters {

    @Inject
    MetricRegistry registry;

    private final Map<String, Counter> opened = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Counter>> closed = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> errors = new ConcurrentHashMap<>();
    private Timer historyWrite;
    private Timer fanout;
    private Timer hop;

    /**
     * Created when the application starts (observing it creates the bean, whose {@code @PostConstruct} registers
     * the metrics), so that a scrape shows them before their first event.
     */
    void startup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more to do: the bean exists now.
    }

    @PostConstruct
    void register() {
        historyWrite = registry.timer(timer("huddle.history.write",
                "Time to store one batch of room messages, from the start of its transaction to its commit"));
        fanout = registry.timer(timer("huddle.fanout",
                "Time to hand one room frame to every connection of its members on this node"));
        hop = registry.timer(timer("huddle.cluster.hop",
                "Time from a node sending an envelope to another node receiving it (the nodes' clocks)"));
        for (String transport : new String[]{"websocket", "sse"}) {
            opened.computeIfAbsent(transport, this::openedCounter);
        }
    }

    private Counter openedCounter(String transport) {
        return counter("huddle.connections.opened", "Connections admitted since start", new Tag("transport", transport));
    }

    private static Metadata timer(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NANOSECONDS)
                .build();
    }

    private Counter counter(String name, String description, Tag... tags) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build(), tags);
    }

    /** A connection over {@code transport} ({@code websocket} or {@code sse}) was admitted. */
    public void connectionOpened(String transport) {
        opened.computeIfAbsent(transport, this::openedCounter).inc();
    }

    /** A connection over {@code transport} closed with {@code code} (the WebSocket close code; 1000 normal). */
    public void connectionClosed(String transport, int code) {
        closed.computeIfAbsent(transport, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, c -> counter("huddle.connections.closed",
                        "Connections closed since start, by close code", new Tag("transport", transport),
                        new Tag("code", Integer.toString(c)))).inc();
    }

    /** A droppable frame of {@code type} (typing, presence, ...) was dropped because its send queue was full. */
    public void frameDropped(String type) {
        dropped.computeIfAbsent(type, t -> counter("huddle.frames.dropped",
                "Droppable frames dropped from full send queues", new Tag("type", t))).inc();
    }

    /** A command over {@code path} ({@code websocket}, {@code sse} or {@code rest}) was answered error {@code code}. */
    public void error(String path, String code) {
        errors.computeIfAbsent(path, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, c -> counter("huddle.errors", "Error replies by code and path",
                        new Tag("path", path), new Tag("code", c))).inc();
    }

    /** A batch of room messages took {@code nanos} from the start of its transaction to its commit. */
    public void historyWritten(long nanos) {
        historyWrite.update(Duration.ofNanos(nanos));
    }

    /** A room message took {@code nanos} to reach every connection of its members on this node. */
    public void fannedOut(long nanos) {
        fanout.update(Duration.ofNanos(nanos));
    }

    /** An envelope took {@code millis} from its sending node to this one; negative values (clock skew) count as 0. */
    public void hopped(long millis) {
        hop.update(Duration.ofMillis(Math.max(0, millis)));
    }
}
