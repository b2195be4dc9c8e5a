package io.huddle.streaming.transport.sse;

import io.huddle.streaming.application.ConnectionService;
import io.huddle.streaming.application.IdentityResolver;
import io.huddle.streaming.application.Reply;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /sse}: opens a stream of server frames (the first is {@code welcome}); {@code POST
 * /sse/{connection}/commands}: one client command for that stream, answered in the response body with its
 * {@code ack} or {@code error}. Only the stream's own user may post to it; anyone else gets 404.
 */
@Path("")
@RequestScoped
public class SseResource {

    private static final int QUEUE_CAPACITY = 1024;

    @Inject
    ConnectionService connections;

    @Inject
    ConnectionRegistry registry;

    @Inject
    IdentityResolver identities;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void open(@Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security,
                     @QueryParam("user") String devUser) {
        UserId user = identify(security, devUser);
        SseConnection connection = new SseConnection(connections.newConnectionId(), user.value(), sink, sse,
                QUEUE_CAPACITY, new SseCursor(java.util.Map.of()), connections::closed);
        connections.opened(connection);
    }

    @POST
    @Path("{connection}/commands")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response command(@PathParam("connection") String connectionId, String body,
                            @Context SecurityContext security, @QueryParam("user") String devUser) {
        UserId user = identify(security, devUser);
        Connection connection = registry.find(connectionId);
        if (!(connection instanceof SseConnection) || !connection.user().equals(user.value())) {
            throw failure(new HuddleException(ErrorCode.NOT_FOUND, "no such stream"));
        }
        Reply reply = connections.handle(connection, body == null ? "" : body);
        int status = reply.error().map(ErrorCode::httpStatus).orElse(200);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(reply.json()).build();
    }

    private UserId identify(SecurityContext security, String devUser) {
        return identities.resolve(security.getUserPrincipal(), devUser)
                .orElseThrow(() -> failure(new HuddleException(ErrorCode.UNAUTHORIZED,
                        "no identity: authenticate with a bearer token")));
    }

    private static WebApplicationException failure(HuddleException problem) {
        return new WebApplicationException(Response.status(problem.code().httpStatus())
                .type(MediaType.APPLICATION_JSON)
                .entity(Frames.error(null, problem))
                .build());
    }
}
