package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.IdentityResolver;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who calls the REST API: the authenticated principal or, with development identities on, {@code ?user=}.
 * Administrators (see {@link IdentityResolver#isAdmin}) act as the system. No identity is {@code unauthorized}.
 */
@ApplicationScoped
public class Caller {

    @Inject
    IdentityResolver identities;

    /** The actor for a request, or {@code unauthorized}. */
    public Actor of(SecurityContext security, String devUser) {
        String user = identities.resolve(security.getUserPrincipal(), devUser)
                .orElseThrow(() -> new HuddleException(ErrorCode.UNAUTHORIZED,
                        "no identity: authenticate with a bearer token"))
                .value();
        return identities.isAdmin(user, security::isUserInRole) ? Actor.system() : Actor.user(user);
    }
}
