package io.huddle.streaming.hub;

/**
 * What a node's {@link Broker} did since it started.
 *
 * @param clustered       whether envelopes travel between nodes (false: a single node)
 * @param subscribed      whether the node receives from the other nodes now (always true for a single node)
 * @param sent            envelopes sent to the other nodes
 * @param dropped         envelopes not sent (the messaging provider was away or the send queue full)
 * @param received        envelopes received from other nodes
 * @param reconnects      times the subscription was lost and made again
 * @param readFromHistory room messages read from history to fill holes in what arrived
 * @param passedOver      seqs passed over because history no longer held them
 * @param rooms           rooms whose order of messages the node follows
 */
public record BrokerStats(boolean clustered, boolean subscribed, long sent, long dropped, long received,
                          long reconnects, long readFromHistory, long passedOver, int rooms) {

    /** The figures of a single node, which sends nothing anywhere. */
    public static BrokerStats single() {
        return new BrokerStats(false, true, 0, 0, 0, 0, 0, 0, 0);
    }
}
