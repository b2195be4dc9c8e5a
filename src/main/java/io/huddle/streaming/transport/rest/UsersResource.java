package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.reading.ReadCommands;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/users/{user}}: a user's rooms and unread counts; disconnecting a user (administrators).
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
