package io.huddle.streaming.application.channels;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.session.RateLimiter;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.channel.Channel;
import io.huddle.streaming.domain.channel.ChannelRepository;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.ChannelIndex;
import io.huddle.streaming.hub.ClusterChannels;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Channels: live publish/subscribe topics, defined by the application or an administrator, or existing by name in
 * a namespace of {@code streaming.channels.namespaces}; subscribed per connection (a subscription ends with its
 * connection), never stored. Clients may publish on a channel that
 * allows it; the server always may. A user subscribes to at most {@code streaming.limits.channels-per-user}
 * channels over all connections. Thread-safe.
 */
@ApplicationScoped
public class ChannelService {

    @Inject
    ChannelRepository channels;

    @Inject
    ChannelIndex index;

    @Inject
    ConnectionRegistry registry;

    /** The subscriptions of users on the other nodes of a cluster: the limit counts them too. */
    @Inject
    ClusterChannels cluster;

    @Inject
    Broker broker;

    @Inject
    Transactions tx;

    @Inject
    StreamingConfig config;

    @Inject
    RateLimiter limiter;

    private final Clock clock = Clock.systemUTC();

    /** Defines a channel. */
    public Channel create(Actor by, String name, boolean clientPublish) {
        requireEnabled();
        String valid = name(name);
        return tx.required(() -> {
            if (channels.find(valid).isPresent()) {
                throw new HuddleException(ErrorCode.CONFLICT, "channel '" + valid + "' already exists");
            }
            Channel channel = new Channel(valid, clientPublish, by.name(), clock.instant());
            channels.add(channel);
            return channel;
        });
    }

    /** Removes a channel; its subscriptions end on this node. */
    public void delete(String name) {
        requireEnabled();
        String valid = name(name);
        if (!tx.required(() -> channels.remove(valid))) {
            throw notFound(valid);
        }
        index.drop(valid);
        cluster.deleted(valid);
    }

    /** Every channel. */
    public List<Channel> all() {
        requireEnabled();
        return tx.required(() -> channels.all());
    }

    /** Subscribes {@code connection} to an existing channel. */
    public void subscribe(Connection connection, String name) {
        requireEnabled();
        String valid = name(name);
        find(valid);
        Set<String> subscribed = subscriptionsHere(connection.user());
        subscribed.addAll(cluster.elsewhere(connection.user()));
        if (!subscribed.contains(valid) && subscribed.size() >= config.channelsPerUser()) {
            throw new HuddleException(ErrorCode.LIMIT_EXCEEDED,
                    "at most " + config.channelsPerUser() + " channel subscriptions per user");
        }
        if (index.subscribe(connection, valid)) {
            cluster.here(connection.user(), subscriptionsHere(connection.user()));
        }
    }

    /** {@code connection} closed: its subscriptions end. */
    public void closed(Connection connection) {
        if (!index.channelsOf(connection).isEmpty()) {
            index.removeConnection(connection);
            cluster.here(connection.user(), subscriptionsHere(connection.user()));
        }
    }

    /** The channels the connections of {@code user} on this node subscribe to. */
    private Set<String> subscriptionsHere(String user) {
        Set<String> subscribed = new HashSet<>();
        registry.ofUser(user).forEach(c -> subscribed.addAll(index.channelsOf(c)));
        return subscribed;
    }

    /** Ends the subscription of {@code connection}; {@code not_found} if there was none. */
    public void unsubscribe(Connection connection, String name) {
        requireEnabled();
        String valid = name(name);
        if (!index.unsubscribe(connection, valid)) {
            throw new HuddleException(ErrorCode.NOT_FOUND, "not subscribed to channel '" + valid + "'");
        }
        cluster.here(connection.user(), subscriptionsHere(connection.user()));
    }

    /** Publishes {@code dataJson} on a channel as {@code by}; a user only where the channel allows it. Returns the id. */
    public String publish(Actor by, String name, String dataJson, Optional<String> event) {
        requireEnabled();
        if (by.isUser()) {
            limiter.acquire(by.name(), RateLimiter.Budget.MESSAGES);
        }
        String valid = name(name);
        Channel channel = find(valid);
        if (!by.isTrusted() && !channel.clientPublish()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only the server publishes on channel '" + valid + "'");
        }
        Validation.messageSize(dataJson, config.maxMessageBytes());
        Validation.json("data", dataJson);
        Validation.optionalText("event", event, 64);
        String id = UUID.randomUUID().toString();
        broker.publish(Envelope.toChannel(valid, OutboundFrame.of("message", Frames.message("channel", valid, id, 0,
                by.name(), dataJson, event.orElse(null), null, clock.instant().toString()))));
        return id;
    }

    /**
     * The channel named {@code name}: the one defined, or else one of a namespace
     * ({@code streaming.channels.namespaces}), which exists without being defined; {@code not_found} otherwise.
     */
    private Channel find(String name) {
        return tx.required(() -> channels.find(name))
                .or(() -> config.channelNamespaces().of(name)
                        .map(ns -> new Channel(name, ns.clientPublish(), Actor.system().name(), Instant.EPOCH)))
                .orElseThrow(() -> notFound(name));
    }

    private void requireEnabled() {
        if (!config.channelsEnabled()) {
            throw new HuddleException(ErrorCode.FEATURE_DISABLED, "channels are turned off on this server");
        }
    }

    private static String name(String name) {
        try {
            return Channel.validName(name);
        } catch (IllegalArgumentException e) {
            throw Validation.bad(e.getMessage());
        }
    }

    private static HuddleException notFound(String name) {
        return new HuddleException(ErrorCode.NOT_FOUND, "channel '" + name + "' does not exist");
    }
}
