package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.presence.PresenceService;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

/**
 * {@code /api/v1/presence}: the presence of users, and who is online.
 */
@Path("presence")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "presence")
public class PresenceResource extends ApiResource {

    @GET
    @Operation(summary = "The presence of some users: [{user, status, devices?, text?, lastSeen?}]",
            description = "Query: users (comma-separated, at most 200). Invisible users, and users who share no room with the"
                    + " caller, show as offline (administrators see everyone).")
    public String of(@QueryParam("users") String users) {
        Actor actor = actor();
        List<String> wanted = users == null ? List.of() : Arrays.stream(users.split(","))
                .map(String::trim).filter(u -> !u.isEmpty()).distinct().limit(200).toList();
        JsonArrayBuilder result = Jsons.createArrayBuilder();
        manager.presence(actor, wanted).values().stream().sorted((a, b) -> a.user().compareTo(b.user()))
                .forEach(p -> result.add(PresenceService.json(p, p.visibleStatus())));
        return result.build().toString();
    }

    @GET
    @Path("online")
    @Operation(summary = "The users online, away or busy who share a room with the caller (administrators: all): {users: [...]}")
    public String online() {
        JsonArrayBuilder users = Jsons.createArrayBuilder();
        manager.onlineUsers(actor()).forEach(users::add);
        return Jsons.createObjectBuilder().add("users", users).build().toString();
    }
}
