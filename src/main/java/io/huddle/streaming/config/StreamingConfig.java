package io.huddle.streaming.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every {@code streaming.*} setting, with its default beside it. Values are read once when the application
 * starts and checked then: an invalid value stops the application with a message naming the property
 * (see {@link #problems()}).
 * Durations are ISO-8601 ({@code PT30S}) or a number with a unit ({@code 30s}, {@code 500ms}, {@code 5m},
 * {@code 30d}). Immutable after startup; thread-safe.
 */
@ApplicationScoped
public class StreamingConfig {

    /** The most pins a room may be allowed: a room's pins are listed in one answer. */
    public static final int MAX_PINS_PER_ROOM = 200;
    /** The largest unread limit accepted: beyond it, the operating system's buffers bound a stalled client first. */
    private static final int MAX_UNREAD_LIMIT = 64 * 1024 * 1024;

    @Inject
    @ConfigProperty(name = "streaming.auth.dev-users", defaultValue = "false")
    boolean devUsers;

    @Inject
    @ConfigProperty(name = "streaming.auth.admin-users")
    Optional<List<String>> adminUsers;

    @Inject
    @ConfigProperty(name = "streaming.node.id")
    Optional<String> nodeId;

    @Inject
    @ConfigProperty(name = "streaming.heartbeat.interval", defaultValue = "30s")
    String heartbeatInterval;

    @Inject
    @ConfigProperty(name = "streaming.limits.message-bytes", defaultValue = "65536")
    int maxMessageBytes;

    @Inject
    @ConfigProperty(name = "streaming.drain.delay", defaultValue = "10s")
    String drainDelayText;

    private Duration drainDelay;

    @Inject
    @ConfigProperty(name = "streaming.limits.messages-per-second", defaultValue = "100")
    int messagesPerSecond;

    @Inject
    @ConfigProperty(name = "streaming.history.dedup-window", defaultValue = "10m")
    String dedupWindow;

    @Inject
    @ConfigProperty(name = "streaming.limits.rooms-per-user", defaultValue = "50")
    int roomsPerUser;

    @Inject
    @ConfigProperty(name = "streaming.limits.pins-per-room", defaultValue = "50")
    int pinsPerRoom;

    @Inject
    @ConfigProperty(name = "streaming.limits.reactions-per-message", defaultValue = "20")
    int reactionsPerMessage;

    @Inject
    @ConfigProperty(name = "streaming.moderation.expiry-check", defaultValue = "10s")
    String expiryCheck;

    @Inject
    @ConfigProperty(name = "streaming.limits.connections-per-user", defaultValue = "5")
    int connectionsPerUser;

    @Inject
    @ConfigProperty(name = "streaming.limits.messages-burst", defaultValue = "20")
    int messagesBurst;

    @Inject
    @ConfigProperty(name = "streaming.limits.commands-per-second", defaultValue = "200")
    int commandsPerSecond;

    @Inject
    @ConfigProperty(name = "streaming.limits.send-queue", defaultValue = "4096")
    int sendQueue;

    @Inject
    @ConfigProperty(name = "streaming.websocket.direct-write-bytes", defaultValue = "32768")
    int directWriteBytes;

    @Inject
    @ConfigProperty(name = "streaming.websocket.unread-limit-bytes", defaultValue = "262144")
    int unreadLimitBytes;

    @Inject
    @ConfigProperty(name = "streaming.heartbeat.timeout", defaultValue = "10s")
    String heartbeatTimeout;

    @Inject
    @ConfigProperty(name = "streaming.history.replay-limit", defaultValue = "1000")
    int replayLimit;

    @Inject
    @ConfigProperty(name = "streaming.history.retention", defaultValue = "30d")
    String retention;

    @Inject
    @ConfigProperty(name = "streaming.history.max-per-room", defaultValue = "100000")
    long maxPerRoom;

    @Inject
    @ConfigProperty(name = "streaming.history.cleanup-interval", defaultValue = "1h")
    String cleanupInterval;

    @Inject
    @ConfigProperty(name = "streaming.features.rooms", defaultValue = "true")
    boolean roomsEnabled;

    @Inject
    @ConfigProperty(name = "streaming.features.channels", defaultValue = "true")
    boolean channelsEnabled;

    @Inject
    @ConfigProperty(name = "streaming.features.presence", defaultValue = "true")
    boolean presenceEnabled;

    @Inject
    @ConfigProperty(name = "streaming.features.typing", defaultValue = "true")
    boolean typingEnabled;

    @Inject
    @ConfigProperty(name = "streaming.features.history", defaultValue = "true")
    boolean historyEnabled;

    @Inject
    @ConfigProperty(name = "streaming.limits.channels-per-user", defaultValue = "50")
    int channelsPerUser;

    @Inject
    @ConfigProperty(name = "streaming.channels.namespaces")
    Optional<List<String>> channelNamespacesText;

    @Inject
    @ConfigProperty(name = "streaming.presence.timeout", defaultValue = "5m")
    String presenceTimeoutText;

    @Inject
    @ConfigProperty(name = "streaming.presence.grace", defaultValue = "5s")
    String presenceGraceText;

    @Inject
    @ConfigProperty(name = "streaming.presence.cleanup-interval", defaultValue = "1m")
    String presenceCleanupText;

    @Inject
    @ConfigProperty(name = "streaming.presence.remember-choice", defaultValue = "1d")
    String presenceRememberText;

    @Inject
    @ConfigProperty(name = "streaming.typing.timeout", defaultValue = "3s")
    String typingTimeoutText;

    @Inject
    @ConfigProperty(name = "streaming.typing.throttle", defaultValue = "1s")
    String typingThrottleText;

    @Inject
    @ConfigProperty(name = "streaming.rooms.large", defaultValue = "200")
    int largeRoom;

    @Inject
    @ConfigProperty(name = "streaming.rooms.member-count-interval", defaultValue = "1s")
    String memberCountIntervalText;

    @Inject
    @ConfigProperty(name = "streaming.publish.writers", defaultValue = "2")
    int publishWriters;

    @Inject
    @ConfigProperty(name = "streaming.publish.batch-max", defaultValue = "256")
    int publishBatchMax;

    @Inject
    @ConfigProperty(name = "streaming.cluster.enabled", defaultValue = "false")
    boolean clusterEnabled;

    @Inject
    @ConfigProperty(name = "streaming.cluster.gap-wait", defaultValue = "150ms")
    String clusterGapWaitText;

    @Inject
    @ConfigProperty(name = "streaming.cluster.send-queue", defaultValue = "100000")
    int clusterSendQueue;

    @Inject
    @ConfigProperty(name = "streaming.cluster.heartbeat", defaultValue = "5s")
    String clusterHeartbeatText;

    @Inject
    @ConfigProperty(name = "streaming.cluster.node-timeout", defaultValue = "15s")
    String clusterNodeTimeoutText;

    private List<String> problems = List.of();
    private Duration clusterGapWait;
    private Duration clusterHeartbeat;
    private Duration clusterNodeTimeout;
    private Duration presenceTimeout;
    private Duration presenceGrace;
    private Duration presenceCleanup;
    private Duration presenceRemember;
    private ChannelNamespaces channelNamespaces = ChannelNamespaces.none();
    private Duration typingTimeout;
    private Duration memberCountInterval;
    private Duration typingThrottle;
    private Duration heartbeatGrace;
    private Duration retentionPeriod;
    private Duration cleanupPeriod;
    private Duration expiry;
    private String node;
    private Duration heartbeat;
    private Duration dedup;

    @PostConstruct
    void read() {
        List<String> problems = new ArrayList<>();
        heartbeat = duration("streaming.heartbeat.interval", heartbeatInterval, problems);
        dedup = duration("streaming.history.dedup-window", dedupWindow, problems);
        drainDelay = duration("streaming.drain.delay", drainDelayText, problems);
        expiry = duration("streaming.moderation.expiry-check", expiryCheck, problems);
        positive("streaming.limits.message-bytes", maxMessageBytes, problems);
        positive("streaming.limits.rooms-per-user", roomsPerUser, problems);
        positive("streaming.limits.reactions-per-message", reactionsPerMessage, problems);
        if (pinsPerRoom < 1 || pinsPerRoom > MAX_PINS_PER_ROOM) {
            problems.add("streaming.limits.pins-per-room must be between 1 and " + MAX_PINS_PER_ROOM + ", was "
                    + pinsPerRoom);
        }
        positive("streaming.limits.connections-per-user", connectionsPerUser, problems);
        positive("streaming.limits.messages-burst", messagesBurst, problems);
        positive("streaming.limits.commands-per-second", commandsPerSecond, problems);
        positive("streaming.limits.send-queue", sendQueue, problems);
        if (directWriteBytes < 0 || directWriteBytes > 65536) {
            problems.add("streaming.websocket.direct-write-bytes must be between 0 and 65536, was " + directWriteBytes);
        }
        if (unreadLimitBytes != 0 && (unreadLimitBytes < Math.max(directWriteBytes, 1) || unreadLimitBytes > MAX_UNREAD_LIMIT)) {
            problems.add("streaming.websocket.unread-limit-bytes must be 0 or between streaming.websocket.direct-write-bytes ("
                    + directWriteBytes + ") and " + MAX_UNREAD_LIMIT + ", was " + unreadLimitBytes);
        }
        positive("streaming.history.replay-limit", replayLimit, problems);
        positive("streaming.history.max-per-room", maxPerRoom, problems);
        positive("streaming.limits.channels-per-user", channelsPerUser, problems);
        channelNamespaces = ChannelNamespaces.parse(channelNamespacesText.orElse(List.of()), problems);
        presenceTimeout = duration("streaming.presence.timeout", presenceTimeoutText, problems);
        presenceGrace = duration("streaming.presence.grace", presenceGraceText, problems);
        presenceCleanup = duration("streaming.presence.cleanup-interval", presenceCleanupText, problems);
        presenceRemember = duration("streaming.presence.remember-choice", presenceRememberText, problems);
        typingTimeout = duration("streaming.typing.timeout", typingTimeoutText, problems);
        typingThrottle = duration("streaming.typing.throttle", typingThrottleText, problems);
        heartbeatGrace = duration("streaming.heartbeat.timeout", heartbeatTimeout, problems);
        retentionPeriod = duration("streaming.history.retention", retention, problems);
        cleanupPeriod = duration("streaming.history.cleanup-interval", cleanupInterval, problems);
        positive("streaming.limits.messages-per-second", messagesPerSecond, problems);
        positive("streaming.publish.writers", publishWriters, problems);
        positive("streaming.rooms.large", largeRoom, problems);
        memberCountInterval = duration("streaming.rooms.member-count-interval", memberCountIntervalText, problems);
        positive("streaming.publish.batch-max", publishBatchMax, problems);
        clusterGapWait = duration("streaming.cluster.gap-wait", clusterGapWaitText, problems);
        positive("streaming.cluster.send-queue", clusterSendQueue, problems);
        clusterHeartbeat = duration("streaming.cluster.heartbeat", clusterHeartbeatText, problems);
        clusterNodeTimeout = duration("streaming.cluster.node-timeout", clusterNodeTimeoutText, problems);
        if (clusterNodeTimeout.compareTo(clusterHeartbeat.multipliedBy(2)) < 0) {
            problems.add("streaming.cluster.node-timeout must be at least twice streaming.cluster.heartbeat, was '"
                    + clusterNodeTimeoutText + "' against '" + clusterHeartbeatText + "'");
        }
        node = nodeId.filter(id -> !id.isBlank())
                .orElseGet(() -> "node-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        this.problems = List.copyOf(problems);
    }

    /**
     * What is wrong with the configuration, one sentence per property naming it; empty when every value is
     * valid. The application refuses to start unless this is empty (see {@link ConfigurationCheck}).
     */
    public List<String> problems() {
        return problems;
    }

    /** Whether clients may name themselves with {@code ?user=} (development only). */
    public boolean devUsers() {
        return devUsers;
    }

    /** Users who administer every room through the REST API (they act as the system). */
    public Set<String> adminUsers() {
        return adminUsers.map(Set::copyOf).orElse(Set.of());
    }

    /** This server's name in the cluster, sent to clients in {@code welcome}. */
    public String nodeId() {
        return node;
    }

    /** How often the server proves liveness to clients and expects a frame from them. */
    public Duration heartbeatInterval() {
        return heartbeat;
    }

    /**
     * Rooms with more members than this are large ({@code streaming.rooms.large}, default 200): their members are
     * not told of each plain join and leave, only of the member count, and presence does not travel through them.
     */
    public int largeRoom() {
        return largeRoom;
    }

    /**
     * How often a large room whose members changed is told its member count
     * ({@code streaming.rooms.member-count-interval}, default 1 s).
     */
    public Duration memberCountInterval() {
        return memberCountInterval;
    }

    /**
     * How many transactions store room messages at the same time ({@code streaming.publish.writers}, default 2).
     * Each room belongs to one of them, so a room's publishes are stored in the order they arrived.
     */
    public int publishWriters() {
        return publishWriters;
    }

    /**
     * At most this many publishes share one transaction ({@code streaming.publish.batch-max}, default 256).
     */
    public int publishBatchMax() {
        return publishBatchMax;
    }

    /**
     * Whether this node is one of several ({@code streaming.cluster.enabled}, default false): envelopes then travel
     * over the Jakarta Messaging topic {@code jms/huddle/Events} through {@code jms/huddle/ConnectionFactory}, and
     * every node orders each room's messages by seq. A single node delivers at once, with no messaging round trip.
     */
    public boolean clusterEnabled() {
        return clusterEnabled;
    }

    /**
     * How long a node holds a room's later messages when an earlier seq has not arrived from another node, before
     * it reads the missing ones from history ({@code streaming.cluster.gap-wait}, default 150 ms).
     */
    public Duration clusterGapWait() {
        return clusterGapWait;
    }

    /** How often a cluster node tells the others it is alive ({@code streaming.cluster.heartbeat}, default 5 s). */
    public Duration clusterHeartbeat() {
        return clusterHeartbeat;
    }

    /**
     * How long a cluster node may stay silent before the others count it gone and drop what it reported (its
     * connections) in one step ({@code streaming.cluster.node-timeout}, default 15 s).
     */
    public Duration clusterNodeTimeout() {
        return clusterNodeTimeout;
    }

    /**
     * How many envelopes may wait for the messaging provider ({@code streaming.cluster.send-queue}, default
     * 100000); beyond that, while the provider is slow or away, envelopes are dropped (room messages are then
     * repaired from history by the receiving nodes).
     */
    public int clusterSendQueue() {
        return clusterSendQueue;
    }

    /** The largest inbound frame, in bytes of UTF-8 JSON. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Sustained rate of {@code publish}/{@code edit}/{@code delete} per user. */
    public int messagesPerSecond() {
        return messagesPerSecond;
    }

    /** How many connections one user may hold open at once; one more is closed with 4429. */
    public int connectionsPerUser() {
        return connectionsPerUser;
    }

    /** How many publish/edit/delete commands a user may send at once above the sustained rate. */
    public int messagesBurst() {
        return messagesBurst;
    }

    /** Sustained rate of other commands per user (bursts of twice as many). */
    public int commandsPerSecond() {
        return commandsPerSecond;
    }

    /** How many frames may wait for one connection before it counts as a slow consumer. */
    public int sendQueue() {
        return sendQueue;
    }

    /**
     * How many bytes a WebSocket connection may be written directly beyond what its client has provably read
     * (by answering a ping); 0 writes every frame through the container's asynchronous sender.
     */
    public int directWriteBytes() {
        return directWriteBytes;
    }

    /**
     * How many bytes a WebSocket connection may have been written beyond what its client has provably read before
     * its frames wait in its send queue for a pong; 0 for no limit.
     */
    public int unreadLimitBytes() {
        return unreadLimitBytes;
    }

    /**
     * How long a draining node reports not ready, and refuses new connections, before it closes its open ones:
     * long enough for a load balancer's readiness probe to notice.
     */
    public Duration drainDelay() {
        return drainDelay;
    }

    /** How long past a heartbeat interval a silent connection is kept before it is closed with 4408. */
    public Duration heartbeatTimeout() {
        return heartbeatGrace;
    }

    /** The most messages a {@code join} with {@code since} replays; a larger gap answers {@code recovered: false}. */
    public int replayLimit() {
        return replayLimit;
    }

    /** How long messages are kept. */
    public Duration retention() {
        return retentionPeriod;
    }

    /** How many messages a room keeps at most (the oldest go first). */
    public long maxPerRoom() {
        return maxPerRoom;
    }

    /** How often retention runs. */
    public Duration cleanupInterval() {
        return cleanupPeriod;
    }

    /** Whether rooms (join, leave, room publish, who, the room REST API) are on. */
    public boolean roomsEnabled() {
        return roomsEnabled;
    }

    /** Whether channels (subscribe, unsubscribe, channel publish) are on. */
    public boolean channelsEnabled() {
        return channelsEnabled;
    }

    /** Whether presence (frames, the presence command, auto-away) is on. */
    public boolean presenceEnabled() {
        return presenceEnabled;
    }

    /** Whether typing indicators are on. */
    public boolean typingEnabled() {
        return typingEnabled;
    }

    /** Whether message history (history command, replay, edit, delete, retention) is on. */
    public boolean historyEnabled() {
        return historyEnabled;
    }

    /** The channel name prefixes under which clients use channels nobody defined. */
    public ChannelNamespaces channelNamespaces() {
        return channelNamespaces;
    }

    /** How many channels one user may subscribe to at once (over all connections). */
    public int channelsPerUser() {
        return channelsPerUser;
    }

    /** After this long without a frame from any of a user's connections, an online user shows as away. */
    public Duration presenceTimeout() {
        return presenceTimeout;
    }

    /** How long after a user's last connection closes co-members are told the user is offline. */
    public Duration presenceGrace() {
        return presenceGrace;
    }

    /**
     * How often idle users are checked for the presence timeout, and how often what is kept in memory about users
     * and rooms no longer in use is dropped.
     */
    public Duration presenceCleanupInterval() {
        return presenceCleanup;
    }

    /**
     * How long a status a user chose ({@code away}, {@code busy}, {@code invisible}, or a text) is remembered after
     * their last connection closed, so that reconnecting keeps it.
     */
    public Duration presenceRememberChoice() {
        return presenceRemember;
    }

    /** A typing indicator not refreshed for this long ends, and the server says so. */
    public Duration typingTimeout() {
        return typingTimeout;
    }

    /** At most one typing broadcast per user and room per this interval. */
    public Duration typingThrottle() {
        return typingThrottle;
    }

    /** How many rooms one user may be a member of (owned rooms included). */
    public int roomsPerUser() {
        return roomsPerUser;
    }

    /** How many different reactions one message may have. */
    public int reactionsPerMessage() {
        return reactionsPerMessage;
    }

    /** How many messages a room may have pinned at once (1 to {@value #MAX_PINS_PER_ROOM}). */
    public int pinsPerRoom() {
        return pinsPerRoom;
    }

    /** How often expired bans and mutes are cleared (and {@code unbanned} announced). */
    public Duration moderationExpiryCheck() {
        return expiry;
    }

    /** How long an idempotency key is remembered. */
    public Duration dedupWindow() {
        return dedup;
    }

    private static void positive(String name, long value, List<String> problems) {
        if (value < 1) {
            problems.add(name + " must be at least 1, was " + value);
        }
    }

    private static Duration duration(String name, String text, List<String> problems) {
        try {
            Duration value = Durations.parse(text);
            if (value.isNegative() || value.isZero()) {
                problems.add(name + " must be a positive duration, was '" + text + "'");
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return Duration.ZERO;
        }
    }
}
