package io.huddle.streaming.application.session;

import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides who is on the other end of a request: the container's authenticated principal, or, only when
 * {@code streaming.auth.dev-users=true}, the user the client names itself with {@code ?user=}. A name that is
 * not a valid user id is no identity. Thread-safe.
 */
@ApplicationScoped
public class IdentityResolver {

    @Inject
    StreamingConfig config;

    /**
     * @param principal the container's principal for the request, or {@code null}
     * @param devUser   the {@code user} query parameter, or {@code null}
     * @return the user, or empty if the request has no acceptable identity
     */
    public Optional<UserId> resolve(Principal principal, String devUser) {
        if (principal != null && UserId.isValid(principal.getName())) {
            return Optional.of(UserId.of(principal.getName()));
        }
        if (config.devUsers() && UserId.isValid(devUser)) {
            return Optional.of(UserId.of(devUser));
        }
        return Optional.empty();
    }

    /** The role a container-authenticated administrator holds. */
    public static final String ADMIN_ROLE = "huddle-admin";

    /**
     * Whether {@code user} administers every room (acts as the system in the REST API): listed in
     * {@code streaming.auth.admin-users}, or in role {@value #ADMIN_ROLE}.
     */
    public boolean isAdmin(String user, Predicate<String> inRole) {
        return config.adminUsers().contains(user) || inRole.test(ADMIN_ROLE);
    }
}
