package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.rooms.InviteOptions;
import io.huddle.streaming.application.view.BanView;
import io.huddle.streaming.application.view.InviteView;
import io.huddle.streaming.application.view.MuteView;
import io.huddle.streaming.protocol.JsonFields;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;

/**
 * {@code /api/v1/rooms/{room}/...}: invites, bans, mutes and the moderation log (moderator or above).
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "moderation")
public class ModerationResource extends ApiResource {

    private static final long MAX_SECONDS = 100L * 365 * 24 * 3600;

    @PathParam("room")
    String room;

    @POST
    @Path("{room}/invites")
    @Operation(summary = "Create an invite code", description = "Body: {maxUses?, expiresInSeconds?}")
    public Response createInvite(String body) {
        JsonFields f = JsonFields.parseObject(body == null || body.isBlank() ? "{}" : body);
        InviteView invite = manager.createInvite(roomActor(), room, new InviteOptions(
                f.optionalInt("maxUses", 1, Integer.MAX_VALUE),
                f.optionalInt("expiresInSeconds", 1, Integer.MAX_VALUE).map(Duration::ofSeconds)));
        return Response.created(URI.create("rooms/" + room + "/invites/" + invite.code()))
                .entity(RestJson.invite(invite).toString()).build();
    }

    @GET
    @Path("{room}/invites")
    @Operation(summary = "The invite codes that are not revoked")
    public String invites() {
        return RestJson.array(manager.invites(roomActor(), room), RestJson::invite).build().toString();
    }

    @DELETE
    @Path("{room}/invites/{code}")
    @Operation(summary = "Revoke an invite code")
    public Response revokeInvite(@PathParam("code") String code) {
        manager.revokeInvite(roomActor(), room, code);
        return Response.noContent().build();
    }

    @POST
    @Path("{room}/bans")
    @Operation(summary = "Ban a user, ending their membership", description = "Body: {user, reason?, untilSeconds? (duration; none: until lifted)}")
    public Response ban(String body) {
        JsonFields f = JsonFields.parseObject(body);
        BanView ban = manager.ban(roomActor(), room, f.requireString("user"), f.optionalString("reason"),
                f.optionalInt("untilSeconds", 1, (int) Math.min(MAX_SECONDS, Integer.MAX_VALUE)).map(Duration::ofSeconds));
        return Response.created(URI.create("rooms/" + room + "/bans/" + ban.user()))
                .entity(RestJson.ban(ban).toString()).build();
    }

    @GET
    @Path("{room}/bans")
    @Operation(summary = "The bans in force")
    public String bans() {
        return RestJson.array(manager.bans(roomActor(), room), RestJson::ban).build().toString();
    }

    @DELETE
    @Path("{room}/bans/{member}")
    @Operation(summary = "Lift a ban")
    public Response unban(@PathParam("member") String member) {
        manager.unban(roomActor(), room, member);
        return Response.noContent().build();
    }

    @POST
    @Path("{room}/mutes")
    @Operation(summary = "Mute a member", description = "Body: {user, untilSeconds? (duration; none: until unmuted)}")
    public Response mute(String body) {
        JsonFields f = JsonFields.parseObject(body);
        MuteView mute = manager.mute(roomActor(), room, f.requireString("user"),
                f.optionalInt("untilSeconds", 1, Integer.MAX_VALUE).map(Duration::ofSeconds));
        return Response.created(URI.create("rooms/" + room + "/mutes/" + mute.user()))
                .entity(RestJson.mute(mute).toString()).build();
    }

    @GET
    @Path("{room}/mutes")
    @Operation(summary = "The mutes in force")
    public String mutes() {
        return RestJson.array(manager.mutes(roomActor(), room), RestJson::mute).build().toString();
    }

    @DELETE
    @Path("{room}/mutes/{member}")
    @Operation(summary = "Lift a mute")
    public Response unmute(@PathParam("member") String member) {
        manager.unmute(roomActor(), room, member);
        return Response.noContent().build();
    }

    @GET
    @Path("{room}/moderation-log")
    @Operation(summary = "The moderation log, newest first", description = "Query: before (entry id), limit (1-200, default 50)")
    public String log(@QueryParam("before") String before, @QueryParam("limit") String limit) {
        return RestJson.array(manager.moderationLog(roomActor(), room,
                        Params.optionalLong("before", before, 1, Long.MAX_VALUE), Params.intOr("limit", limit, 1, 200, 50)),
                RestJson::logEntry).build().toString();
    }
}
