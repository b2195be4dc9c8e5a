package io.huddle.streaming.transport.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

import java.util.Set;

/**
 * The REST administration API under {@code /api/v1}; its OpenAPI document is served at {@code /openapi}.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "Huddle administration API", version = "1",
        description = "Rooms, members, invites, bans, mutes, kicks, the moderation log and message history."
                + " Errors are {\"code\", \"message\"} with the HTTP status that fits."))
public class RestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(RoomsResource.class, MembersResource.class, ModerationResource.class, MessagesResource.class,
                PinsResource.class, ReactionsResource.class, UsersResource.class, PresenceResource.class,
                ChannelsResource.class, NodeResource.class, ConnectionsResource.class, ErrorMapper.class);
    }
}
