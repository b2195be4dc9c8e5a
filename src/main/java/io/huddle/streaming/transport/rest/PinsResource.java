package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Features;
import io.huddle.streaming.application.pins.PinFrames;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/rooms/{room}/pins}: a room's pinned messages; pin and unpin (moderator or above).
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "messages")
public class PinsResource extends ApiResource {

    @Inject
    Features features;

    @PathParam("room")
    String room;

    @GET
    @Path("{room}/pins")
    @Operation(summary = "The pinned messages, the latest pinned first: {pins: [{message, pinnedBy, pinnedAt}]}")
    public String pins() {
        var by = roomActor();
        features.requireHistory();
        return Jsons.createObjectBuilder().add("pins", PinFrames.array(manager.pins(by, room))).build().toString();
    }

    @PUT
    @Path("{room}/pins/{id}")
    @Operation(summary = "Pin a message (moderators and above); pinning a pinned message changes nothing",
            description = "Answer: {message, pinnedBy, pinnedAt}")
    public String pin(@PathParam("id") String id) {
        var by = roomActor();
        features.requireHistory();
        return PinFrames.object(manager.pin(by, room, id)).toString();
    }

    @DELETE
    @Path("{room}/pins/{id}")
    @Operation(summary = "Unpin a message (moderators and above)")
    public Response unpin(@PathParam("id") String id) {
        var by = roomActor();
        features.requireHistory();
        manager.unpin(by, room, id);
        return Response.noContent().build();
    }
}
