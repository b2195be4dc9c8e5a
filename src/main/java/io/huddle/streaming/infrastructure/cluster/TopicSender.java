package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.QueueThread;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends this node's envelopes and control messages to the cluster's topic from one thread of its own, in the order
 * they were offered, so that no caller ever waits for the messaging provider: a publish returns once the envelope
 * is queued. Non-persistent messages, one long-lived context. While the provider is away, messages are dropped
 * (counted) instead of queued without bound, a reconnect is tried at most once a second, and the first sends after
 * it are a {@code resync} that tells every other node to catch its rooms up from history, and whatever
 * {@code afterOutage} gives (this node's state, which the others may have missed). Thread-safe.
 */
final class TopicSender {

    private static final Logger LOG = Logger.getLogger(TopicSender.class.getName());
    private static final long RETRY_NANOS = 1_000_000_000L;
    private static final int BATCH = 256;

    private final ConnectionFactory factory;
    private final Topic topic;
    private final String node;
    private final int maxQueued;
    private final QueueThread<Outgoing> thread;
    private final java.util.function.Supplier<List<Outgoing>> afterOutage;
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    // Touched by the sending thread only.
    private JMSContext context;
    private JMSProducer producer;
    private boolean lost;
    private long lastAttempt;

    /** A message to send: an envelope, or a control message of {@code kind} with its body. */
    record Outgoing(Envelope envelope, String kind, byte[] body) {
        static Outgoing control(String kind, byte[] body) {
            return new Outgoing(null, kind, body);
        }
    }

    TopicSender(ConnectionFactory factory, Topic topic, String node, int maxQueued, ManagedThreadFactory threads,
                java.util.function.Supplier<List<Outgoing>> afterOutage) {
        this.afterOutage = afterOutage;
        this.factory = factory;
        this.topic = topic;
        this.node = node;
        this.maxQueued = maxQueued;
        this.thread = new QueueThread<>(threads, "huddle-cluster-sender", BATCH, this::send, outgoing -> dropped.increment());
    }

    /** Queues {@code envelope} for the topic; drops it when {@code maxQueued} messages are already waiting. */
    void offer(Envelope envelope) {
        offer(new Outgoing(envelope, null, null));
    }

    /** Queues a control message of {@code kind}; dropped as an envelope would be. */
    void control(String kind, byte[] body) {
        offer(Outgoing.control(kind, body));
    }

    private void offer(Outgoing outgoing) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        thread.offer(outgoing);
    }

    private void send(List<Outgoing> batch) {
        queued.addAndGet(-batch.size());
        int done = 0;
        try {
            if (!connected()) {
                dropped.add(batch.size());
                return;
            }
            for (Outgoing outgoing : batch) {
                write(outgoing);
                done++;
            }
        } catch (RuntimeException | JMSException e) {
            // JMSRuntimeException mostly; whatever else the provider throws is the same outage.
            dropped.add(batch.size() - done);
            disconnect(e);
        }
    }

    /** Whether a context is open, opening one (and announcing a resync after an outage) if it is time to try. */
    private boolean connected() throws JMSException {
        if (context != null) {
            return true;
        }
        long now = System.nanoTime();
        if (lost && now - lastAttempt < RETRY_NANOS) {
            return false;
        }
        lastAttempt = now;
        context = factory.createContext();
        // The timestamp stays: the receiving node measures the hop with it (huddle.cluster.hop).
        producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setDisableMessageID(true);
        if (lost) {
            write(Outgoing.control(JmsBroker.RESYNC, new byte[0]));
            for (Outgoing state : afterOutage.get()) {
                write(state);
            }
            lost = false;
            LOG.info(() -> "node " + node + " sends to the cluster's topic again; " + dropped.sum()
                    + " envelopes were dropped meanwhile, the other nodes catch up from history");
        }
        return true;
    }

    private void write(Outgoing outgoing) throws JMSException {
        BytesMessage message = context.createBytesMessage();
        message.writeBytes(outgoing.envelope() != null ? EnvelopeCodec.encode(outgoing.envelope()) : outgoing.body());
        message.setStringProperty(JmsBroker.NODE, node);
        if (outgoing.kind() != null) {
            message.setStringProperty(JmsBroker.KIND, outgoing.kind());
        }
        producer.send(topic, message);
        if (outgoing.envelope() != null) {
            sent.increment();
        }
    }

    private void disconnect(Exception e) {
        if (!lost) {
            LOG.log(Level.WARNING, "node " + node + " cannot send to the cluster's topic; room messages reach other nodes"
                    + " from history once it is back: " + e, e);
        }
        lost = true;
        lastAttempt = System.nanoTime();
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException closing) {
                LOG.log(Level.FINE, "closing a failed messaging context", closing);
            }
        }
        context = null;
        producer = null;
    }

    /** How many envelopes were sent (control messages not counted). */
    long sent() {
        return sent.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    /** Sends what is queued, waiting at most {@code waitMillis}, then closes the context. */
    void stop(long waitMillis) {
        thread.stop(waitMillis);
        if (context != null) {
            try {
                context.close();
            } catch (JMSRuntimeException e) {
                LOG.log(Level.FINE, "closing the messaging context at stop", e);
            }
        }
    }
}
