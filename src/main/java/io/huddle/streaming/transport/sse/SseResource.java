package io.huddle.streaming.transport.sse;

import io.huddle.streaming.application.session.ConnectionService;
import io.huddle.streaming.application.session.Reply;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.hub.CommandRelay;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.Meters;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /sse}: opens a stream of server frames (the first is {@code welcome}), joining the rooms of
 * {@code rooms=} and subscribing the channels of {@code channels=} as the commands would, all before
 * {@code welcome} is sent; with {@code Last-Event-ID} (or {@code lastEventId=}) it also replays what every room of
 * the cursor missed, right after {@code welcome}.
 * {@code POST /sse/{connection}/commands}: one client command for that stream, answered in the response body
 * with its {@code ack} or {@code error} (HTTP status of the error code), on whichever node of a cluster it lands
 * (a stream of another node has the command relayed there). Only the stream's own user may post; anyone else
 * gets 404.
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
    SseCommands commands;

    @Inject
    CommandRelay relay;

    @Inject
    StreamingConfig config;

    @Inject
    Meters meters;

    @Resource
    ManagedExecutorService executor;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void open(@Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security,
                     @HeaderParam("Authorization") String authorization, @QueryParam("access_token") String token,
                     @QueryParam("user") String devUser, @QueryParam("rooms") String rooms,
                     @QueryParam("channels") String channels, @HeaderParam("Last-Event-ID") String lastEventId,
                     @QueryParam("lastEventId") String lastEventIdParam, @QueryParam("client") String client) {
        UserId user = identify(security, authorization, token, devUser);
        Map<String, Long> resume = SseCursor.decode(lastEventId != null ? lastEventId : lastEventIdParam);
        SseConnection connection = new SseConnection(connections.newConnectionId(), user.value(), sink, sse,
                config.sendQueue(), new SseCursor(resume), closed -> connections.closed(closed, 0), meters);
        connection.describeClient(client);
        // The stream's first events are written once this method has returned and the response has started:
        // writing them from the request thread races with the runtime's own flush of the response.
        executor.execute(() -> start(connection, resume, rooms, channels));
    }

    /**
     * Sets the stream up before greeting it: once the client reads {@code welcome}, every room of
     * {@code rooms=} and of the cursor is joined (and resumed) and every channel of {@code channels=} subscribed,
     * so nothing published after that can be missed. What the setup produced (replayed messages, errors of
     * joins and subscriptions, live frames) waits in the connection and follows {@code welcome}, in order.
     */
    private void start(SseConnection connection, Map<String, Long> resume, String rooms, String channels) {
        Set<String> toJoin = new LinkedHashSet<>(resume.keySet());
        toJoin.addAll(list(rooms));
        // Live frames of these rooms are held from the first moment, so each room's replay comes first, in order.
        toJoin.forEach(room -> connection.roomStreams().hold(room));
        if (!connections.admit(connection)) {
            return;
        }
        List<Reply> replies = new ArrayList<>();
        for (String room : toJoin) {
            JsonObjectBuilder join = Jsons.createObjectBuilder().add("type", "join").add("room", room);
            connection.resumeSeq(room).ifPresent(seq -> join.add("since", seq));
            replies.add(setUp(connection, join));
        }
        for (String channel : list(channels)) {
            replies.add(setUp(connection, Jsons.createObjectBuilder().add("type", "subscribe").add("channel", channel)));
        }
        connections.welcome(connection);
        replies.forEach(reply -> reply.afterReply().run());
        // A room that was held but never joined (a failed join) releases what it held.
        toJoin.forEach(room -> connection.roomStreams().release(room, 0, connection::send));
    }

    /** Runs a command the stream asked for when it opened: its error goes to the stream, an ack is not needed. */
    private Reply setUp(SseConnection connection, JsonObjectBuilder command) {
        Reply reply = connections.handle(connection, command.build().toString());
        if (reply.error().isPresent()) {
            connection.send(OutboundFrame.of("error", reply.json()));
        }
        return reply;
    }

    @POST
    @Path("{connection}/commands")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> command(@PathParam("connection") String connectionId, String body,
                                             @Context SecurityContext security, @HeaderParam("Authorization") String authorization,
                                             @QueryParam("access_token") String token, @QueryParam("user") String devUser) {
        UserId user = identify(security, authorization, token, devUser);
        CompletableFuture<Optional<CommandRelay.Answer>> answer = commands.run(connectionId, user.value(), body)
                .map(local -> local.thenApply(Optional::of))
                .orElseGet(() -> relay.relay(connectionId, user.value(), body == null ? "" : body));
        return answer.handle((found, failure) -> {
            if (failure != null) {
                return problem(new HuddleException(ErrorCode.INTERNAL,
                        "the node holding stream " + connectionId + " did not answer in time"));
            }
            return found.map(a -> Response.status(a.status()).type(MediaType.APPLICATION_JSON).entity(a.json()).build())
                    .orElseGet(() -> problem(new HuddleException(ErrorCode.NOT_FOUND, "no such stream")));
        });
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
        return new WebApplicationException(problem(problem));
    }

    private static Response problem(HuddleException problem) {
        return Response.status(problem.code().httpStatus()).type(MediaType.APPLICATION_JSON)
                .entity(Frames.error(null, problem)).build();
    }
}
