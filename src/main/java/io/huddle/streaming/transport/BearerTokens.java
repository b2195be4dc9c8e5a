package io.huddle.streaming.transport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies MicroProfile JWT bearer tokens (RS256) with the standard MicroProfile JWT settings:
 * {@code mp.jwt.verify.publickey} (PEM) or {@code mp.jwt.verify.publickey.location} (a file path or a classpath
 * resource), {@code mp.jwt.verify.issuer} and optionally {@code mp.jwt.verify.audiences}. Used for tokens the
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

    private RSASSAVerifier verifier;

    @PostConstruct
    void loadKey() {
        Optional<String> pem = publicKeyPem.or(() -> publicKeyLocation.map(BearerTokens::read));
        pem.ifPresent(text -> verifier = new RSASSAVerifier(parse(text)));
    }

    /** Whether tokens can be verified at all (a public key is configured). */
    public boolean enabled() {
        return verifier != null;
    }

    /** The principal of a valid token; empty for a missing, malformed, expired or wrongly signed one. */
    public Optional<Principal> verify(String token) {
        if (verifier == null || token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
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

    private static RSAPublicKey parse(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("mp.jwt.verify.publickey is not an RSA public key in PEM form", e);
        }
    }

    private static String read(String location) {
        try {
            Path path = Path.of(location.replaceFirst("^file:", ""));
            if (Files.isRegularFile(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            try (InputStream in = BearerTokens.class.getClassLoader()
                    .getResourceAsStream(location.replaceFirst("^classpath:", "").replaceFirst("^/", ""))) {
                if (in == null) {
                    throw new IllegalStateException("mp.jwt.verify.publickey.location not found: " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read mp.jwt.verify.publickey.location " + location, e);
        }
    }
}
