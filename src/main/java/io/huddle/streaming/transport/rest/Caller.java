package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.Features;
import io.huddle.streaming.application.session.IdentityResolver;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.transport.Identities;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who calls the REST API: the authenticated principal or, with development identities on, {@code ?user=}.
 * Administrators (see {@link IdentityResolver#isAdmin}) act as trusted actors under their own name
 * ({@link Actor#administrator}). No identity is {@code unauthorized}.
 */
@RequestScoped
public class Caller {

    @Inject
    IdentityResolver resolver;

    @Inject
    Identities identities;

    @Inject
    HttpServletRequest request;

    @Inject
    Features features;

    /** The actor for a request about rooms: {@code feature_disabled} when rooms are off. */
    public Actor forRooms(SecurityContext security, String devUser) {
        features.requireRooms();
        return of(security, devUser);
    }

    /** The actor for a request, or {@code unauthorized}. */
    public Actor of(SecurityContext security, String devUser) {
        String user = identities.identify(security.getUserPrincipal(), request.getHeader("Authorization"),
                        request.getParameter("access_token"), devUser)
                .orElseThrow(() -> new HuddleException(ErrorCode.UNAUTHORIZED,
                        "no identity: authenticate with a bearer token"))
                .value();
        return resolver.isAdmin(user, security::isUserInRole) ? Actor.administrator(user) : Actor.user(user);
    }
}
