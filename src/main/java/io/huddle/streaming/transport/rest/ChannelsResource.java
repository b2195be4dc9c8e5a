package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.domain.channel.Channel;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * {@code /api/v1/channels}: define, list and remove channels, and publish on them (administrators change them).
 */
@Path("channels")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "channels")
public class ChannelsResource extends ApiResource {

    @GET
    @Operation(summary = "Every channel: [{name, clientPublish, createdBy, createdAt}]")
    public String list() {
        actor();
        return RestJson.array(manager.channels(), ChannelsResource::json).build().toString();
    }

    @POST
    @Operation(summary = "Define a channel (administrators)", description = "Body: {name, clientPublish? (default true)}")
    public Response create(String body) {
        Actor admin = admin();
        JsonFields f = JsonFields.parseObject(body);
        Channel channel = manager.createChannel(admin, f.requireString("name"),
                f.optionalBoolean("clientPublish").orElse(true));
        return Response.created(URI.create("channels/" + channel.name())).entity(json(channel).toString()).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove a channel; its subscriptions end (administrators)")
    public Response delete(@PathParam("name") String name) {
        admin();
        manager.deleteChannel(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/messages")
    @Operation(summary = "Publish a live message on a channel (administrators, as its author)", description = "Body: {data, event?}")
    public Response publish(@PathParam("name") String name, String body) {
        Actor admin = admin();
        JsonFields f = JsonFields.parseObject(body);
        String data = f.requireJson("data");
        String id = manager.publishToChannel(admin, name, f.optionalString("event").orElse(null), data);
        return Response.status(201).entity(Jsons.createObjectBuilder().add("id", id).build().toString()).build();
    }

    private Actor admin() {
        Actor actor = actor();
        if (!actor.isTrusted()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only administrators manage channels");
        }
        return actor;
    }

    private static JsonObject json(Channel c) {
        return Jsons.createObjectBuilder().add("name", c.name()).add("clientPublish", c.clientPublish())
                .add("createdBy", c.createdBy()).add("createdAt", c.createdAt().toString()).build();
    }
}
