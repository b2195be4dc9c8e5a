package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.rooms.RoomMode;
import io.huddle.streaming.application.rooms.RoomOptions;
import io.huddle.streaming.application.rooms.RoomUpdate;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.RoomPage;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.domain.room.RoomSearch;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import java.net.URI;
import java.util.Optional;

/**
 * {@code /api/v1/rooms}: create, list, read, change, archive, restore and delete rooms; transfer ownership.
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "rooms")
public class RoomsResource extends ApiResource {

    @POST
    @Operation(summary = "Create a room; the caller becomes its owner",
            description = "Body: {id?, name, description?, private?, maxMembers?, metadata?, tags? (up to 10), category?,"
                    + " owner? (administrators)}")
    public Response create(String body) {
        JsonFields f = JsonFields.parseObject(body);
        RoomOptions options = new RoomOptions(f.optionalString("id"), f.requireString("name"),
                f.optionalString("description"), f.optionalBoolean("private").orElse(false),
                f.optionalInt("maxMembers", 1, Integer.MAX_VALUE), f.optionalJson("metadata"),
                f.optionalString("owner"), f.stringList("tags", Validation.MAX_TAGS), f.optionalString("category"));
        RoomView room = manager.createRoom(roomActor(), options);
        return Response.created(URI.create("rooms/" + room.id())).entity(RestJson.room(room).toString()).build();
    }

    @GET
    @Operation(summary = "List or search rooms in id order, each with its member count: the public ones and the private"
            + " ones the caller is a member of (administrators: all)",
            description = "Query: q (words in the name or description), tag, category, after (id), limit (1-200,"
                    + " default 50), archived (true to include)")
    public String list(@QueryParam("after") String after, @QueryParam("limit") String limit,
                       @QueryParam("archived") boolean archived, @QueryParam("q") String q,
                       @QueryParam("tag") String tag, @QueryParam("category") String category) {
        RoomPage page = manager.discoverRooms(roomActor(), new RoomSearch(given(q), given(tag), given(category)),
                given(after), Params.intOr("limit", limit, 1, 200, 50), archived);
        return Jsons.createObjectBuilder().add("rooms", RestJson.array(page.rooms(), RestJson::listing))
                .add("more", page.more()).build().toString();
    }

    private static Optional<String> given(String parameter) {
        return Optional.ofNullable(parameter).filter(p -> !p.isEmpty());
    }

    @GET
    @Path("{room}")
    @Operation(summary = "Read a room (a private one: its members and administrators)")
    public String get(@PathParam("room") String room) {
        return RestJson.room(manager.room(roomActor(), room)).toString();
    }

    @PATCH
    @Path("{room}")
    @Operation(summary = "Change a room (admin or above)",
            description = "Body: any of {name, description, private, maxMembers, metadata, tags, category}; null clears"
                    + " description, maxMembers, metadata and category; tags replace the room's tags")
    public String update(@PathParam("room") String room, String body) {
        JsonFields f = JsonFields.parseObject(body);
        RoomUpdate update = RoomUpdate.none();
        if (f.has("name")) {
            update = update.withName(f.requireString("name"));
        }
        if (f.has("description")) {
            update = update.withDescription(f.optionalString("description").orElse(null));
        }
        if (f.has("private")) {
            update = update.asPrivate(f.requireBoolean("private"));
        }
        if (f.has("maxMembers")) {
            update = update.withMaxMembers(f.optionalInt("maxMembers", 1, Integer.MAX_VALUE).orElse(null));
        }
        if (f.has("metadata")) {
            update = update.withMetadata(f.optionalJson("metadata").orElse(null));
        }
        if (f.has("tags")) {
            update = update.withTags(f.stringList("tags", Validation.MAX_TAGS));
        }
        if (f.has("category")) {
            update = update.withCategory(f.optionalString("category").orElse(null));
        }
        return RestJson.room(manager.updateRoom(roomActor(), room, update)).toString();
    }

    @PUT
    @Path("{room}/mode")
    @Operation(summary = "Set a room's slow mode and lock, live (moderator or above)",
            description = "Body: any of {slowModeMs (0-3600000, 0 = off), locked}; moderators and above are exempt from both")
    public String mode(@PathParam("room") String room, String body) {
        return RestJson.room(manager.setRoomMode(roomActor(), room, RoomMode.from(JsonFields.parseObject(body)))).toString();
    }

    @DELETE
    @Path("{room}")
    @Operation(summary = "Delete a room and everything in it (owner)")
    public Response delete(@PathParam("room") String room) {
        manager.deleteRoom(roomActor(), room);
        return Response.noContent().build();
    }

    @POST
    @Path("{room}/archive")
    @Operation(summary = "Archive a room (admin or above): readable, closed to joins and messages")
    public String archive(@PathParam("room") String room) {
        return RestJson.room(manager.archiveRoom(roomActor(), room)).toString();
    }

    @DELETE
    @Path("{room}/archive")
    @Operation(summary = "Restore an archived room (admin or above)")
    public String restore(@PathParam("room") String room) {
        return RestJson.room(manager.restoreRoom(roomActor(), room)).toString();
    }

    @PUT
    @Path("{room}/owner")
    @Operation(summary = "Transfer ownership to a member (owner); the former owner becomes an admin", description = "Body: {user}")
    public String transfer(@PathParam("room") String room, String body) {
        return RestJson.room(manager.transferOwnership(roomActor(), room,
                JsonFields.parseObject(body).requireString("user"))).toString();
    }

}
