package io.huddle.streaming.transport.sse;

import io.huddle.streaming.application.ConnectionService;
import io.huddle.streaming.application.Reply;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.Jsons;
import io.huddle.streaming.transport.Identities;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /sse}: opens a stream of server frames (the first is {@code welcome}), joining the rooms of
 * {@code rooms=} and subscribing the channels of {@code channels=} as the commands would; with
 * {@code Last-Event-ID} (or {@code lastEventId=}) it first replays what every room of the cursor missed.
 * {@code POST /sse/{connection}/commands}: one client command for that stream, answered in the response body
 * with its {@code ack} or {@code error} (HTTP status of the error code). Only the stream's own user may post;
 * anyone else gets 404.
 */
@Path("")
@RequestScoped
public class SseResource {

    @Inject
    ConnectionService connections;

    @Inject
    ConnectionRegistry registry;

    @Inject
    Identities identities;

    @Inject
    StreamingConfig config;

    @Resource
    ManagedExecutorService executor;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void open(@Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security,
                     @HeaderParam("Authorization") String authorization, @QueryParam("access_token") String token,
                     @QueryParam("user") String devUser, @QueryParam("rooms") String rooms,
                     @QueryParam("channels") String channels, @HeaderParam("Last-Event-ID") String lastEventId,
                     @QueryParam("lastEventId") String lastEventIdParam) {
        UserId user = identify(security, authorization, token, devUser);
        Map<String, Long> resume = SseCursor.decode(lastEventId != null ? lastEventId : lastEventIdParam);
        SseConnection connection = new SseConnection(connections.newConnectionId(), user.value(), sink, sse,
                config.sendQueue(), new SseCursor(resume), connections::closed);
        // The stream's first events are written once this method has returned and the response has started:
        // writing them from the request thread races with the runtime's own flush of the response.
        executor.execute(() -> start(connection, resume, rooms, channels));
    }

    private void start(SseConnection connection, Map<String, Long> resume, String rooms, String channels) {
        // Rooms being resumed hold their live frames from the first moment, so the replay comes first, in order.
        resume.keySet().forEach(room -> connection.roomStreams().hold(room));
        if (!connections.opened(connection)) {
            return;
        }
        Set<String> toJoin = new LinkedHashSet<>(resume.keySet());
        toJoin.addAll(list(rooms));
        for (String room : toJoin) {
            JsonObjectBuilder join = Jsons.createObjectBuilder().add("type", "join").add("room", room);
            connection.resumeSeq(room).ifPresent(seq -> join.add("since", seq));
            streamReply(connection, connections.handle(connection, join.build().toString()));
        }
        for (String channel : list(channels)) {
            streamReply(connection, connections.handle(connection, Jsons.createObjectBuilder()
                    .add("type", "subscribe").add("channel", channel).build().toString()));
        }
    }

    @POST
    @Path("{connection}/commands")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response command(@PathParam("connection") String connectionId, String body,
                            @Context SecurityContext security, @HeaderParam("Authorization") String authorization,
                            @QueryParam("access_token") String token, @QueryParam("user") String devUser) {
        UserId user = identify(security, authorization, token, devUser);
        Connection connection = registry.find(connectionId);
        if (!(connection instanceof SseConnection stream) || !connection.user().equals(user.value())) {
            throw failure(new HuddleException(ErrorCode.NOT_FOUND, "no such stream"));
        }
        stream.seen();
        Reply reply = connections.handle(connection, body == null ? "" : body);
        int status = reply.error().map(ErrorCode::httpStatus).orElse(200);
        Response response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(reply.json()).build();
        reply.afterReply().run();
        return response;
    }

    /** Sends the answer to a command the stream ran for itself: errors go to the stream, acks are not needed. */
    private static void streamReply(SseConnection connection, Reply reply) {
        if (reply.error().isPresent()) {
            connection.send(OutboundFrame.of("error", reply.json()));
        }
        reply.afterReply().run();
    }

    private UserId identify(SecurityContext security, String authorization, String token, String devUser) {
        return identities.identify(security.getUserPrincipal(), authorization, token, devUser)
                .orElseThrow(() -> failure(new HuddleException(ErrorCode.UNAUTHORIZED,
                        "no identity: authenticate with a bearer token")));
    }

    private static Set<String> list(String csv) {
        Set<String> items = new LinkedHashSet<>();
        if (csv != null) {
            Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).limit(100).forEach(items::add);
        }
        return items;
    }

    private static WebApplicationException failure(HuddleException problem) {
        return new WebApplicationException(Response.status(problem.code().httpStatus())
                .type(MediaType.APPLICATION_JSON)
                .entity(Frames.error(null, problem))
                .build());
    }
}
