package io.huddle.streaming.transport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.Principal;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies MicroProfile JWT bearer tokens (RS256) with the standard MicroProfile JWT settings:
 * {@code mp.jwt.verify.publickey} (PEM or a JWK set) or {@code mp.jwt.verify.publickey.location} (a JWKS URL with
 * keys cached and refreshed on an unknown {@code kid}, or a file path or classpath resource; see
 * {@link TokenKeys}), {@code mp.jwt.verify.issuer} and optionally {@code mp.jwt.verify.audiences}. Used for tokens the
 * container does not see (the {@code access_token} query parameter of browsers' WebSocket and EventSource) and
 * for {@code Authorization: Bearer} headers, so that one configuration serves both. The user is the token's
 * {@code upn}, else {@code preferred_username}, else {@code sub}. Without a configured key no token is
 * accepted. Thread-safe.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class.getName());
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKeyPem;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<List<String>> audiences;

    private JWSKeySelector<SecurityContext> keys;

    @PostConstruct
    void loadKeys() {
        keys = TokenKeys.fromSettings(publicKeyPem, publicKeyLocation).orElse(null);
    }

    /** Whether tokens can be verified at all (a key or a key set is configured). */
    public boolean enabled() {
        return keys != null;
    }

    /**
     * The principal of a valid token; empty for a missing, malformed, expired or wrongly signed one, or one
     * signed by a key the key set does not hold (also when the key set cannot be fetched).
     */
    public Optional<Principal> verify(String token) {
        if (keys == null || token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !signed(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!timely(claims) || !issuedByTrusted(claims) || !forUs(claims)) {
                return Optional.empty();
            }
            return userOf(claims).map(user -> () -> user);
        } catch (ParseException | JOSEException e) {
            LOG.log(Level.FINE, "rejected a bearer token", e);
            return Optional.empty();
        }
    }

    /** Whether one of the keys the token's header selects (by {@code kid}, if it names one) verifies it. */
    private boolean signed(SignedJWT jwt) throws JOSEException {
        List<RSAPublicKey> candidates;
        try {
            candidates = TokenKeys.rsa(keys.selectJWSKeys(jwt.getHeader(), null));
        } catch (RateLimitReachedException e) {
            // An unknown kid, and the key set was fetched twice lately: made-up key ids cost no more than that.
            LOG.log(Level.FINE, "a token names a key the key set lacks; not fetched again so soon", e);
            return false;
        } catch (KeySourceException e) {
            LOG.log(Level.WARNING, e, () -> "the token signing keys could not be read; the token is refused");
            return false;
        }
        for (RSAPublicKey key : candidates) {
            if (jwt.verify(new RSASSAVerifier(key))) {
                return true;
            }
        }
        return false;
    }

    /** The token in an {@code Authorization: Bearer ...} header value, if it is one. */
    public static Optional<String> fromHeader(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private static boolean timely(JWTClaimsSet claims) {
        Instant now = Instant.now();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        return exp != null && exp.toInstant().plus(CLOCK_SKEW).isAfter(now)
                && (nbf == null || nbf.toInstant().minus(CLOCK_SKEW).isBefore(now));
    }

    private boolean issuedByTrusted(JWTClaimsSet claims) {
        return issuer.map(expected -> expected.equals(claims.getIssuer())).orElse(true);
    }

    private boolean forUs(JWTClaimsSet claims) {
        return audiences.map(expected -> claims.getAudience() != null
                && claims.getAudience().stream().anyMatch(expected::contains)).orElse(true);
    }

    private static Optional<String> userOf(JWTClaimsSet claims) throws ParseException {
        for (String claim : List.of("upn", "preferred_username")) {
            String value = claims.getStringClaim(claim);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.ofNullable(claims.getSubject());
    }
}
