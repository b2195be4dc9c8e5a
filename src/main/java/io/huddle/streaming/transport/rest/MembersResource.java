package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.rooms.MemberOptions;
import io.huddle.streaming.application.view.MemberView;
import io.huddle.streaming.domain.room.Role;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * {@code /api/v1/rooms/{room}/members}: list, join or add, change role, leave, kick.
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class MembersResource extends ApiResource {

    @PathParam("room")
    String room;

    @GET
    @Path("{room}/members")
    @Operation(summary = "The members, highest role first: [{user, role, status, joinedAt}] (members and administrators)")
    public String members() {
        return RestJson.array(manager.members(roomActor(), room), m -> RestJson.member(m, status(m))).build().toString();
    }

    @GET
    @Path("{room}/online")
    @Operation(summary = "The members online, away or busy: {users: [...]} (members and administrators)")
    public String online() {
        jakarta.json.JsonArrayBuilder users = Jsons.createArrayBuilder();
        manager.onlineUsers(roomActor(), room).forEach(users::add);
        return Jsons.createObjectBuilder().add("users", users).build().toString();
    }

    @POST
    @Path("{room}/members")
    @Operation(summary = "Join (yourself, with an invite for a private room) or add a user (moderator or above)",
            description = "Body: {user? (default: the caller), role? (default member), invite?}")
    public Response join(String body) {
        Actor actor = roomActor();
        JsonFields f = JsonFields.parseObject(body == null || body.isBlank() ? "{}" : body);
        String user = f.optionalString("user").orElseGet(() -> actor.user().orElseThrow(
                () -> new HuddleException(ErrorCode.BAD_REQUEST, "field 'user' is required")));
        MemberOptions options = MemberOptions.member().withRole(role(f)).withInvite(f.optionalString("invite").orElse(null));
        MemberView member = manager.join(actor, room, user, options);
        return Response.created(URI.create("rooms/" + room + "/members/" + user))
                .entity(RestJson.member(member, status(member)).toString()).build();
    }

    @PUT
    @Path("{room}/members/{member}")
    @Operation(summary = "Change a member's role (admin or above)", description = "Body: {role}: admin, moderator or member")
    public String changeRole(@PathParam("member") String member, String body) {
        MemberView view = manager.changeRole(roomActor(), room, member,
                role(JsonFields.parseObject(body)));
        return RestJson.member(view, status(view)).toString();
    }

    @DELETE
    @Path("{room}/members/{member}")
    @Operation(summary = "Leave the room (yourself); an owner hands the room on, or is refused if alone")
    public Response leave(@PathParam("member") String member) {
        manager.leave(roomActor(), room, member);
        return Response.noContent().build();
    }

    @POST
    @Path("{room}/kicks")
    @Operation(summary = "Remove a member, who may join again (moderator or above)", description = "Body: {user, reason?}")
    public Response kick(String body) {
        JsonFields f = JsonFields.parseObject(body);
        manager.kick(roomActor(), room, f.requireString("user"), f.optionalString("reason"));
        return Response.noContent().build();
    }

    private String status(MemberView member) {
        return manager.presence(member.user()).visibleStatus();
    }

    private static Role role(JsonFields f) {
        return f.optionalString("role").map(name -> Role.fromWire(name).orElseThrow(() -> new HuddleException(
                ErrorCode.BAD_REQUEST, "field 'role' must be one of owner, admin, moderator, member")))
                .orElse(Role.MEMBER);
    }
}
