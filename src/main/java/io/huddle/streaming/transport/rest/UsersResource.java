package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.direct.DirectCommands;
import io.huddle.streaming.application.reading.ReadCommands;
import io.huddle.streaming.application.view.DirectView;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * {@code /api/v1/users/{user}}: a user's rooms, unread counts, direct conversations and blocks; disconnecting a user
 * (administrators).
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "users")
public class UsersResource extends ApiResource {

    @GET
    @Path("{member}/rooms")
    @Operation(summary = "The rooms a user is a member of (the user themselves, or an administrator)")
    public String rooms(@PathParam("member") String member) {
        Actor actor = actor();
        if (!actor.isTrusted() && !actor.name().equals(member)) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only the user or an administrator may list their rooms");
        }
        return RestJson.wrap("rooms", RestJson.array(manager.roomsOf(member), RestJson::room)).toString();
    }

    @GET
    @Path("{member}/unread")
    @Operation(summary = "A user's unread messages and mentions in each of their rooms (the user, or an administrator)",
            description = "Answer: {rooms: [{room, unread, mentions, lastSeq, readSeq}]}")
    public String unread(@PathParam("member") String member) {
        Actor actor = roomActor();
        return Jsons.createObjectBuilder().add("rooms", ReadCommands.array(manager.unread(actor, member))).build().toString();
    }

    @POST
    @Path("{member}/dms")
    @Operation(summary = "Open (or find) the user's direct conversation with another user (the user, or an administrator)",
            description = "Body: {user}; answer: {room, user, lastSeq}; 201 when it was opened now, 200 when it existed")
    public Response openDirect(@PathParam("member") String member, String body) {
        Actor actor = roomActor();
        DirectView dm = manager.openDirect(actor, member, JsonFields.parseObject(body).requireString("user"));
        return Response.status(dm.created() ? 201 : 200).entity(DirectCommands.object(dm).toString()).build();
    }

    @GET
    @Path("{member}/dms")
    @Operation(summary = "The user's direct conversations, the latest active first (the user, or an administrator)",
            description = "Query: limit (1-200, default 50); answer: {conversations: [{room, user, lastSeq, last?}]}")
    public String directs(@PathParam("member") String member, @QueryParam("limit") String limit) {
        Actor actor = roomActor();
        return Jsons.createObjectBuilder().add("conversations", DirectCommands.array(manager.directs(actor, member,
                Params.intOr("limit", limit, 1, 200, 50)))).build().toString();
    }

    @GET
    @Path("{member}/blocks")
    @Operation(summary = "The users this user blocks (the user, or an administrator)", description = "Answer: {users}")
    public String blocks(@PathParam("member") String member) {
        return Jsons.createObjectBuilder().add("users", Jsons.createArrayBuilder(manager.blocks(actor(), member)))
                .build().toString();
    }

    @PUT
    @Path("{member}/blocks/{other}")
    @Operation(summary = "Refuse direct messages from another user (the user, or an administrator)")
    public Response block(@PathParam("member") String member, @PathParam("other") String other) {
        manager.block(actor(), member, other);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{member}/blocks/{other}")
    @Operation(summary = "Take direct messages from a blocked user again (the user, or an administrator)")
    public Response unblock(@PathParam("member") String member, @PathParam("other") String other) {
        manager.unblock(actor(), member, other);
        return Response.noContent().build();
    }

    @POST
    @Path("{member}/disconnect")
    @Operation(summary = "Close every connection of a user with a system kicked frame and code 4409 (administrators)",
            description = "Body: {reason?}")
    public Response disconnect(@PathParam("member") String member, String body) {
        Actor actor = actor();
        if (!actor.isTrusted()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only administrators may disconnect users");
        }
        JsonFields f = JsonFields.parseObject(body == null || body.isBlank() ? "{}" : body);
        manager.disconnect(member, f.optionalString("reason").orElse("disconnected by an administrator"));
        return Response.noContent().build();
    }
}
