package io.huddle.streaming.transport;

import io.huddle.streaming.application.session.IdentityResolver;
import io.huddle.streaming.domain.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.Principal;
import java.util.Optional;

/**
 * Who opened a request, for every transport: the container's principal if it authenticated one, else a valid
 * bearer token (header, or {@code access_token} query parameter), else, with development identities on,
 * {@code ?user=}. Thread-safe.
 */
@ApplicationScoped
public class Identities {

    @Inject
    BearerTokens tokens;

    @Inject
    IdentityResolver resolver;

    /**
     * @param principal     the container's principal, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param accessToken   the {@code access_token} query parameter, or {@code null}
     * @param devUser       the {@code user} query parameter, or {@code null}
     */
    public Optional<UserId> identify(Principal principal, String authorization, String accessToken, String devUser) {
        Principal verified = principal != null ? principal
                : BearerTokens.fromHeader(authorization).or(() -> Optional.ofNullable(accessToken))
                        .flatMap(tokens::verify).orElse(null);
        return resolver.resolve(verified, devUser);
    }
}
