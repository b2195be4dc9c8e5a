package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Housekeeping;
import io.huddle.streaming.application.messaging.GroupCommit;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.BrokerStats;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/node}: what this server keeps in memory, for operators (administrators only).
 */
@Path("node")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class NodeResource extends ApiResource {

    @Inject
    Housekeeping housekeeping;

    @Inject
    StreamingConfig config;

    @Inject
    GroupCommit groupCommit;

    @Inject
    Broker broker;

    @GET
    @Operation(summary = "This node's name and what it keeps in memory (administrators)",
            description = "{node, connections, presenceUsers, announcedUsers, rateLimitedUsers, rooms, orderKeys}: each"
                    + " bounded by what is live (connected users, rooms they are in, transactions committing);"
                    + " groupCommit {transactions, messages, retried}: counts since start of the transactions that"
                    + " stored room messages together, the publishes they held, and those that failed and were"
                    + " stored one by one; cluster {enabled, subscribed, sent, dropped, received, reconnects,"
                    + " readFromHistory, passedOver, rooms}: what the cluster's messaging did since start (envelopes"
                    + " sent to and received from the other nodes, room messages read from history to fill holes)")
    public String get() {
        if (!actor().isTrusted()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only administrators may read the node's state");
        }
        Housekeeping.Memory m = housekeeping.memory();
        GroupCommit.Counts g = groupCommit.counts();
        BrokerStats b = broker.stats();
        return Jsons.createObjectBuilder().add("node", config.nodeId()).add("connections", m.connections())
                .add("presenceUsers", m.presenceUsers()).add("announcedUsers", m.announcedUsers())
                .add("rateLimitedUsers", m.rateLimitedUsers()).add("rooms", m.rooms()).add("orderKeys", m.orderKeys())
                .add("groupCommit", Jsons.createObjectBuilder().add("transactions", g.transactions())
                        .add("messages", g.messages()).add("retried", g.retried()))
                .add("cluster", Jsons.createObjectBuilder().add("enabled", b.clustered()).add("subscribed", b.subscribed())
                        .add("sent", b.sent()).add("dropped", b.dropped()).add("received", b.received())
                        .add("reconnects", b.reconnects()).add("readFromHistory", b.readFromHistory())
                        .add("passedOver", b.passedOver()).add("rooms", b.rooms()))
                .build().toString();
    }
}
