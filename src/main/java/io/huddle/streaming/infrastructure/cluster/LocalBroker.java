package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.BrokerStats;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.Fanout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * The {@link Broker} of a single node: an envelope is delivered to this node's connections at once, on the
 * publishing thread, with no messaging round trip. Thread-safe.
 */
@ApplicationScoped
@Typed(LocalBroker.class)
public class LocalBroker implements Broker {

    @Inject
    Fanout fanout;

    @Override
    public void publish(Envelope envelope) {
        fanout.deliver(envelope);
    }

    @Override
    public BrokerStats stats() {
        return BrokerStats.single();
    }
}
