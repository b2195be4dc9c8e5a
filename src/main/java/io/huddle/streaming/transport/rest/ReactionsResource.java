package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Features;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/rooms/{room}/messages/{id}/reactions/{reaction}}: the caller's reactions (the reaction
 * URL-encoded).
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "messages")
public class ReactionsResource extends ApiResource {

    @Inject
    Features features;

    @PathParam("room")
    String room;

    @PUT
    @Path("{room}/messages/{id}/reactions/{reaction}")
    @Operation(summary = "Add the caller's reaction to a message (members who may publish there)",
            description = "Answer: {reaction, count}; adding it again changes nothing")
    public String react(@PathParam("id") String id, @PathParam("reaction") String reaction) {
        var by = roomActor();
        features.requireHistory();
        return answer(reaction, manager.react(by, room, id, reaction));
    }

    @DELETE
    @Path("{room}/messages/{id}/reactions/{reaction}")
    @Operation(summary = "Remove the caller's reaction from a message", description = "Answer: {reaction, count}")
    public String unreact(@PathParam("id") String id, @PathParam("reaction") String reaction) {
        var by = roomActor();
        features.requireHistory();
        return answer(reaction, manager.unreact(by, room, id, reaction));
    }

    private static String answer(String reaction, long count) {
        return Jsons.createObjectBuilder().add("reaction", reaction).add("count", count).build().toString();
    }
}
