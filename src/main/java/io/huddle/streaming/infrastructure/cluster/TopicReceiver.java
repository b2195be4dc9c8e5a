package io.huddle.streaming.infrastructure.cluster;

import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.SharedThreads;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Topic;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes the other nodes' envelopes from the cluster's topic on one thread of its own, in the order the topic gives
 * them, through a non-durable subscription that leaves out this node's own messages (a selector on the sender's
 * node). A non-durable subscription is enough because room messages are repaired from history: when the provider
 * is away this thread tries again every second, and once subscribed again it asks for a catch-up, as it does when
 * another node announces that its sends were lost. A synchronous receive loop on a container thread rather than a
 * message-driven bean: the application must know when the subscription was lost and is back (message-driven beans
 * reconnect out of its sight), and one consumer keeps the topic's order. Thread-safe.
 */
final class TopicReceiver implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicReceiver.class.getName());
    private static final long POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1_000;

    private final ConnectionFactory factory;
    private final Topic topic;
    private final String node;
    private final Consumer<Envelope> deliver;
    private final Runnable catchUp;
    private final Control control;
    private final Thread thread;
    private final LongAdder received = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongConsumer hop;
    private volatile boolean running = true;
    private volatile boolean subscribed;

    /** Takes a control message: its kind, the node that sent it, its body. */
    interface Control {
        void received(String node, String kind, byte[] body);
    }

    /**
     * @param catchUp runs when the subscription is back after it was lost, and when another node asks for it
     * @param control takes the control messages (heartbeats, state of other nodes), on this thread: must not block
     * @param hop     takes the milliseconds each envelope spent between the sending node and this one
     */
    TopicReceiver(ConnectionFactory factory, Topic topic, String node, Consumer<Envelope> deliver, Runnable catchUp,
                  Control control, LongConsumer hop, ManagedThreadFactory threads) {
        this.control = control;
        this.hop = hop;
        this.factory = factory;
        this.topic = topic;
        this.node = node;
        this.deliver = deliver;
        this.catchUp = catchUp;
        thread = threads.newThread(this);
        thread.setName("huddle-cluster-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        SharedThreads.enter();
        boolean lost = false;
        try {
            while (running) {
                try (JMSContext context = factory.createContext()) {
                    JMSConsumer consumer = context.createConsumer(topic, JmsBroker.NODE + " <> '" + node.replace("'", "''") + "'");
                    subscribed = true;
                    if (lost) {
                        reconnects.increment();
                        LOG.info(() -> "node " + node + " receives from the cluster's topic again; catching rooms up from history");
                        catchUp.run();
                        lost = false;
                    }
                    while (running) {
                        Message message = consumer.receive(POLL_MILLIS);
                        if (message != null) {
                            handle(message);
                        }
                    }
                } catch (RuntimeException e) {
                    // JMSRuntimeException mostly; the resource adapter may also throw others when its connection
                    // fails under a blocked receive (IllegalMonitorStateException was seen): the same outage.
                    subscribed = false;
                    if (!running) {
                        break;
                    }
                    if (!lost) {
                        LOG.log(Level.WARNING, "node " + node + " lost its subscription to the cluster's topic; trying again"
                                + " every second: " + e, e);
                    }
                    lost = true;
                    pause();
                }
            }
        } finally {
            subscribed = false;
            SharedThreads.leave();
        }
    }

    private void handle(Message message) {
        try {
            if (message instanceof BytesMessage bytes) {
                byte[] data = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(data);
                String kind = message.getStringProperty(JmsBroker.KIND);
                if (kind == null) {
                    long sent = message.getJMSTimestamp();
                    if (sent > 0) {
                        hop.accept(System.currentTimeMillis() - sent);
                    }
                    deliver.accept(EnvelopeCodec.decode(data));
                    received.increment();
                } else if (JmsBroker.RESYNC.equals(kind)) {
                    catchUp.run();
                } else {
                    control.received(message.getStringProperty(JmsBroker.NODE), kind, data);
                }
            } else {
                refused.increment();
                LOG.warning(() -> "ignoring a " + message.getClass().getSimpleName() + " on the cluster's topic");
            }
        } catch (JMSException | IllegalArgumentException e) {
            refused.increment();
            LOG.log(Level.WARNING, "ignoring a message on the cluster's topic that is not an envelope: " + e, e);
        }
    }

    private void pause() {
        synchronized (this) {
            try {
                wait(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    boolean subscribed() {
        return subscribed;
    }

    long received() {
        return received.sum();
    }

    long reconnects() {
        return reconnects.sum();
    }

    /** Ends the loop within one poll, waiting for that at most {@code waitMillis}. */
    void stop(long waitMillis) {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
