package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Housekeeping;
import io.huddle.streaming.application.messaging.GroupCommit;
import io.huddle.streaming.application.session.Draining;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.BrokerStats;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code /api/v1/node}: what this server keeps in memory, and {@code /api/v1/node/drain}: taking it out of service
 * and back, for operators (administrators only).
 */
@Path("node")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class NodeResource extends ApiResource {

    /** The longest drain delay an administrator may ask for: one hour. */
    static final long MAX_DRAIN_DELAY_MS = 3_600_000;

    @Inject
    Housekeeping housekeeping;

    @Inject
    StreamingConfig config;

    @Inject
    GroupCommit groupCommit;

    @Inject
    Broker broker;

    @Inject
    Draining draining;

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
        requireTrusted("read the node's state");
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
                .add("drain", drain(draining.status()))
                .build().toString();
    }

    @POST
    @Path("drain")
    @Operation(summary = "Take this node out of service (administrators)",
            description = "From now on the node reports not ready (/health/ready) and refuses new connections; after"
                    + " delayMs (default streaming.drain.delay) it sends every open connection a system draining frame"
                    + " and closes it with 1001, so that clients reconnect to another node. Answers the drain state"
                    + " {draining, since, closesAt}; a node already draining keeps its schedule.")
    public String drain(@QueryParam("delayMs") Long delayMs) {
        requireTrusted("drain the node");
        if (delayMs != null && (delayMs < 0 || delayMs > MAX_DRAIN_DELAY_MS)) {
            throw new HuddleException(ErrorCode.BAD_REQUEST, "delayMs must be between 0 and " + MAX_DRAIN_DELAY_MS);
        }
        return drain(draining.start(Optional.ofNullable(delayMs).map(Duration::ofMillis))).build().toString();
    }

    @DELETE
    @Path("drain")
    @Operation(summary = "Stop draining this node (administrators)",
            description = "The node is ready again and admits connections; connections already closed stay closed.")
    public String resume() {
        requireTrusted("stop draining the node");
        return drain(draining.stop()).build().toString();
    }

    private static JsonObjectBuilder drain(Draining.Status status) {
        JsonObjectBuilder json = Jsons.createObjectBuilder().add("draining", status.draining());
        status.since().ifPresent(since -> json.add("since", since.toString()));
        status.closesAt().ifPresent(at -> json.add("closesAt", at.toString()));
        return json;
    }

    private void requireTrusted(String what) {
        if (!actor().isTrusted()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only administrators may " + what);
        }
    }
}
