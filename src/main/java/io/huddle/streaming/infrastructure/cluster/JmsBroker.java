package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.BrokerStats;
import io.huddle.streaming.hub.ChannelIndex;
import io.huddle.streaming.hub.ClusterConnectionList;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.ClusterChannels;
import io.huddle.streaming.hub.ClusterConnections;
import io.huddle.streaming.hub.ClusterRates;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.CommandRelay;
import io.huddle.streaming.hub.Fanout;
import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.hub.LocalCommands;
import io.huddle.streaming.hub.PresenceChangedElsewhere;
import io.huddle.streaming.hub.PresenceTracker;
import io.huddle.streaming.hub.TypingElsewhere;
import io.huddle.streaming.hub.QueueThread;
import io.huddle.streaming.hub.RoomHistory;
import io.huddle.streaming.hub.RoomSequencer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Topic;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The {@link Broker} of a cluster: every envelope goes to this node's connections at once and, through Jakarta
 * Messaging, to the other nodes, which hand it to theirs. The provider is server configuration: the connection
 * factory {@code jms/huddle/ConnectionFactory} and the topic {@code jms/huddle/Events} (ActiveMQ Artemis through
 * its resource adapter in production). Room messages, from this node and the others, go through one
 * {@link RoomSequencer}, so each connection receives a room's messages in seq order and each once, even when the
 * topic reorders or loses them. An envelope is encoded once per publishing node; a publish never waits for the
 * provider ({@link TopicSender}). Thread-safe.
 */
@ApplicationScoped
@Typed(JmsBroker.class)
public class JmsBroker implements Broker {

    /** The message property naming the node that sent a message. */
    static final String NODE = "huddleNode";
    /** The message property naming the kind of a control message; an envelope has none. */
    static final String KIND = "huddleKind";
    /** The kind of a node's request that every other node catches its rooms up from history. */
    static final String RESYNC = "resync";
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** How often what users spent of their message budget here is told to the other nodes. */
    static final long RATE_FLUSH_MILLIS = 100;
    /** How long a command relayed to another node may take to be answered. */
    private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(10);
    /** How long an administrator's listing of the cluster's connections waits for the other nodes. */
    private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Unshareable: the sender and the receiver each hold a context for as long as the node runs, and a shared
     * managed connection would be taken from one when the other asks for its own.
     */
    @Resource(lookup = "jms/huddle/ConnectionFactory", shareable = false)
    ConnectionFactory factory;

    @Resource(lookup = "jms/huddle/Events")
    Topic topic;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService timers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Instance<LocalCommands> localCommands;

    @Inject
    Fanout fanout;

    @Inject
    Meters meters;

    @Inject
    RoomHistory history;

    @Inject
    ChannelIndex channelIndex;

    @Inject
    ConnectionRegistry registry;

    @Inject
    StreamingConfig config;

    @Inject
    Event<PresenceChangedElsewhere> presenceEvents;

    @Inject
    Event<TypingElsewhere> typingEvents;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(JmsBroker.class.getName());

    private RoomSequencer sequencer;
    private TopicSender sender;
    private TopicReceiver receiver;
    private QueueThread<Runnable> arrivals;
    private ReplicatedPresenceTracker presence;
    private RelayedCommands commands;
    private RateReplica rates;
    private ChannelReplica channels;
    private ConnectionQueries listings;
    private ScheduledFuture<?> rateFlush;
    private NodeLeases leases;
    private ScheduledFuture<?> sweep;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> expiry;

    /** Set once everything below is built; read without a lock on every publish. */
    private volatile boolean started;

    /** Subscribes to the topic; called once when the application starts. */
    void start() {
        if (!started) {
            startOnce();
        }
    }

    private synchronized void startOnce() {
        if (started) {
            return;
        }
        sequencer = new RoomSequencer(fanout::deliver, history, timers, config.clusterGapWait());
        NodeLeases[] later = new NodeLeases[1];
        sender = new TopicSender(factory, topic, config.nodeId(), config.clusterSendQueue(), threads,
                () -> later[0].afterOutage());
        leases = new NodeLeases(config.nodeId(), sender, config.clusterNodeTimeout());
        later[0] = leases;
        // What arrives is handed on from a thread of its own: delivering may read the database (a room's members),
        // which must never happen on the thread holding the subscription (its session would join the transaction).
        arrivals = new QueueThread<>(threads, "huddle-cluster-arrivals", 256, batch -> batch.forEach(JmsBroker::run),
                arrival -> { });
        presence = new ReplicatedPresenceTracker(new LocalPresenceTracker());
        PresenceReplica replica = new PresenceReplica(config.nodeId(), sender, presence::facts,
                (user, nodeLeft) -> presenceEvents.fire(new PresenceChangedElsewhere(user, nodeLeft)));
        presence.replicateWith(replica);
        leases.add(replica);
        commands = new RelayedCommands(config.nodeId(), sender, leases::nodes, localCommands::get, executor,
                RELAY_TIMEOUT);
        leases.add(commands);
        rates = new RateReplica(sender);
        leases.add(rates);
        channels = new ChannelReplica(sender, channelIndex);
        leases.add(channels);
        listings = new ConnectionQueries(config.nodeId(), sender, leases::nodes, registry, channelIndex::channelsOf,
                timers, LISTING_TIMEOUT);
        leases.add(listings);
        receiver = new TopicReceiver(factory, topic, config.nodeId(),
                envelope -> arrivals.offer(() -> arrived(envelope)), () -> {
            sequencer.catchUp();
            leases.hello();
        }, (node, kind, body) -> arrivals.offer(() -> leases.received(node, kind, body)), meters::hopped, threads);
        leases.hello();
        sweep = timers.scheduleWithFixedDelay(() -> sequencer.forgetIdle(FORGET_AFTER), 1, 1, TimeUnit.MINUTES);
        long beat = config.clusterHeartbeat().toMillis();
        heartbeat = timers.scheduleWithFixedDelay(leases::beat, 0, beat, TimeUnit.MILLISECONDS);
        expiry = timers.scheduleWithFixedDelay(leases::expire, 1, 1, TimeUnit.SECONDS);
        rateFlush = timers.scheduleWithFixedDelay(rates::flush, RATE_FLUSH_MILLIS, RATE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        started = true;
    }

    /** An envelope from another node: typing indicators are told to the typing service before delivery. */
    private void arrived(Envelope envelope) {
        if ("typing".equals(envelope.frame().type()) && envelope.target() == Envelope.Target.ROOM) {
            typingEvents.fire(new TypingElsewhere(envelope.first(), envelope.frame().json()));
        }
        sequencer.accept(envelope);
    }

    private static void run(Runnable arrival) {
        try {
            arrival.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not take a message from another node: " + e, e);
        }
    }

    @Override
    public void publish(Envelope envelope) {
        start();
        sequencer.accept(envelope);
        sender.offer(envelope);
    }

    /** The channel subscriptions users hold on the other nodes. */
    public ClusterChannels channels() {
        start();
        return channels;
    }

    /** The message budgets users spent on the other nodes. */
    public ClusterRates rates() {
        start();
        return rates;
    }

    /** Commands for connections of other nodes, relayed there. */
    public CommandRelay commands() {
        start();
        return commands;
    }

    /** The connections open on the other nodes, asked for when listed. */
    public ClusterConnectionList listings() {
        start();
        return listings;
    }

    /** Presence over every node of the cluster, replicated to this one. */
    public PresenceTracker presence() {
        start();
        return presence;
    }

    /** The connections of users on the other nodes, as replicated to this one. */
    public ClusterConnections connections() {
        start();
        return leases;
    }

    @Override
    public BrokerStats stats() {
        start();
        return new BrokerStats(true, receiver.subscribed(), sender.sent(), sender.dropped(), receiver.received(),
                receiver.reconnects(), sequencer.readFromHistory(), sequencer.passedOver(), sequencer.rooms());
    }

    @PreDestroy
    synchronized void stop() {
        if (sequencer == null) {
            return;
        }
        sweep.cancel(false);
        heartbeat.cancel(false);
        expiry.cancel(false);
        rateFlush.cancel(false);
        receiver.stop(2_000);
        arrivals.stop(2_000);
        sender.stop(2_000);
    }
}
