package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.view.ConnectionList;
import io.huddle.streaming.application.view.ConnectionView;
import io.huddle.streaming.application.view.ServerStats;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * {@code /api/v1/connections} and {@code /api/v1/stats}: the connections open in the cluster, closing one anywhere,
 * and the server's figures (administrators).
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "operations")
public class ConnectionsResource extends ApiResource {

    @GET
    @Path("connections")
    @Operation(summary = "The connections open on every node of the cluster, the oldest first (administrators)",
            description = "Query: of (a user id: only that user's); answer: {connections: [{id, user, transport, node,"
                    + " openedAt, lastSeen, rooms, channels, client}], unanswered: [node ids whose connections are"
                    + " missing because the node did not answer within 3 s]}")
    public String connections(@QueryParam("of") String of) {
        ConnectionList list = manager.connections(actor(), Optional.ofNullable(of).filter(o -> !o.isEmpty()));
        return Jsons.createObjectBuilder().add("connections", RestJson.array(list.connections(), ConnectionsResource::connection))
                .add("unanswered", Jsons.createArrayBuilder(list.unanswered())).build().toString();
    }

    @DELETE
    @Path("connections/{id}")
    @Operation(summary = "Close a connection wherever it is open: a system kicked frame, then 4409 (administrators)",
            description = "Query: reason")
    public Response close(@PathParam("id") String id, @QueryParam("reason") String reason) {
        manager.closeConnection(actor(), id, reason);
        return Response.noContent().build();
    }

    @GET
    @Path("stats")
    @Operation(summary = "The server's figures (administrators)",
            description = "{node, connections {websocket, sse}, usersOnline, rooms, channels, messagesInPerSecond,"
                    + " framesOutPerSecond, messagesIn, framesOut, uptimeSeconds}; rates over the last 5 s")
    public String stats() {
        ServerStats s = manager.stats(actor());
        var byTransport = Jsons.createObjectBuilder();
        s.connections().forEach(byTransport::add);
        return Jsons.createObjectBuilder().add("node", s.node()).add("connections", byTransport)
                .add("usersOnline", s.usersOnline()).add("rooms", s.rooms()).add("channels", s.channels())
                .add("messagesInPerSecond", s.messagesInPerSecond()).add("framesOutPerSecond", s.framesOutPerSecond())
                .add("messagesIn", s.messagesIn()).add("framesOut", s.framesOut())
                .add("uptimeSeconds", s.uptime().toSeconds()).build().toString();
    }

    private static JsonObject connection(ConnectionView c) {
        return Jsons.createObjectBuilder().add("id", c.id()).add("user", c.user()).add("transport", c.transport())
                .add("node", c.node()).add("openedAt", c.openedAt().toString()).add("lastSeen", c.lastSeen().toString())
                .add("rooms", Jsons.createArrayBuilder(c.rooms())).add("channels", Jsons.createArrayBuilder(c.channels()))
                .add("client", c.client()).build();
    }
}
