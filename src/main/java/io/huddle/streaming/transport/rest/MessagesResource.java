package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.messaging.PublishRequest;
import io.huddle.streaming.application.messaging.Published;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code /api/v1/rooms/{room}/messages}: read history, publish a message; {@code /read}: the caller's read marker.
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "messages")
public class MessagesResource extends ApiResource {

    @Inject
    io.huddle.streaming.application.Features features;

    @PathParam("room")
    String room;

    @GET
    @Path("{room}/messages")
    @Operation(summary = "A page of history, oldest first: {messages, more}",
            description = "Query: before/after (seq), limit (1-200, default 50), query (text search), thread (message id),"
                    + " author (a user id: your own, or anyone's for moderators and above)")
    public String history(@QueryParam("before") String before, @QueryParam("after") String after,
                          @QueryParam("limit") String limit, @QueryParam("query") String query,
                          @QueryParam("thread") String thread, @QueryParam("author") String author) {
        RoomId id = roomId();
        features.requireHistory();
        HistoryQuery q = new HistoryQuery(id, optional(Params.optionalLong("before", before, 1, Long.MAX_VALUE)),
                optional(Params.optionalLong("after", after, 0, Long.MAX_VALUE)), Params.intOr("limit", limit, 1, 200, 50),
                Optional.ofNullable(query).filter(t -> !t.isEmpty()), Optional.ofNullable(thread).filter(t -> !t.isEmpty()),
                Optional.ofNullable(author).filter(a -> !a.isEmpty()));
        return RestJson.history(manager.history(roomActor(), q)).toString();
    }

    @POST
    @Path("{room}/messages")
    @Operation(summary = "Publish a message (members)", description = "Body: {data, event?, thread?, key?, mentions? (user ids)}; answer: {id, seq, duplicate}")
    public Response publish(String body) {
        Published published = manager.saveMessage(roomActor(), room, PublishRequest.from(JsonFields.parseObject(body)));
        return Response.status(published.duplicate() ? 200 : 201).entity(Jsons.createObjectBuilder()
                .add("id", published.message().id()).add("seq", published.message().seq())
                .add("duplicate", published.duplicate()).build().toString()).build();
    }

    @PUT
    @Path("{room}/read")
    @Operation(summary = "Mark the room read up to a seq (members; the marker never moves back)",
            description = "Body: {seq}; answer: {room, seq} with the marker after the call")
    public String markRead(String body) {
        var by = roomActor();
        long seq = JsonFields.parseObject(body).requireLong("seq", 0, Long.MAX_VALUE);
        return Jsons.createObjectBuilder().add("room", room).add("seq", manager.markRead(by, room, by.name(), seq))
                .build().toString();
    }

    private RoomId roomId() {
        return Validation.roomId(room);
    }

    private static OptionalLong optional(Optional<Long> value) {
        return value.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }
}
