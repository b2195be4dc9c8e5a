package io.huddle.streaming.transport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the keys that sign bearer tokens come from, read from the MicroProfile JWT settings:
 * <ul>
 *   <li>{@code mp.jwt.verify.publickey}: a PEM RSA public key, or a JWK set (JSON) inline;</li>
 *   <li>{@code mp.jwt.verify.publickey.location}: an {@code http(s)} URL of a JWKS endpoint (as every OpenID
 *       Connect provider publishes: Keycloak, Auth0, ...), or a file path or classpath resource holding a PEM key
 *       or a JWK set.</li>
 * </ul>
 * A JWKS endpoint is fetched when first needed and cached for {@link #CACHE_TTL}; a token whose {@code kid} is
 * not in the cached set makes it fetch again at once (so a rotated key works from its first token), at most
 * twice per {@link #REFRESH_INTERVAL}, which bounds what tokens with made-up key ids can cost. Fetching uses the
 * library's retriever with short timeouts, on the verifying thread; nothing runs in the background.
 */
final class TokenKeys {

    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);
    private static final int HTTP_TIMEOUT_MS = 3_000;
    private static final int HTTP_SIZE_LIMIT = 256 * 1024;

    private TokenKeys() {
    }

    /** The key selector for the settings, or empty when neither setting is present (no token is accepted). */
    static Optional<JWSKeySelector<SecurityContext>> fromSettings(Optional<String> publicKey, Optional<String> location) {
        return publicKey.map(text -> fixed(text, "mp.jwt.verify.publickey")).or(() -> location.map(TokenKeys::located));
    }

    private static JWSKeySelector<SecurityContext> located(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            try {
                JWKSource<SecurityContext> remote = JWKSourceBuilder.<SecurityContext>create(URI.create(location).toURL(),
                                new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, HTTP_SIZE_LIMIT))
                        .cache(CACHE_TTL.toMillis(), HTTP_TIMEOUT_MS)
                        .refreshAheadCache(false)
                        .retrying(false)
                        .rateLimited(REFRESH_INTERVAL.toMillis())
                        .build();
                return new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, remote);
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalStateException("mp.jwt.verify.publickey.location is not a valid URL: " + location, e);
            }
        }
        return fixed(read(location), "mp.jwt.verify.publickey.location " + location);
    }

    /**
     * A JWK set given as text (keys chosen by the token's {@code kid}), or a single PEM key, which verifies every
     * token whatever its {@code kid}.
     */
    private static JWSKeySelector<SecurityContext> fixed(String text, String setting) {
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("{")) {
                JWKSet set = trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
                return new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(set));
            }
            List<RSAPublicKey> key = List.of(pem(trimmed));
            return (header, context) -> key;
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is neither an RSA public key in PEM form nor a JWK set", e);
        }
    }

    private static RSAPublicKey pem(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String read(String location) {
        try {
            Path path = Path.of(location.replaceFirst("^file:", ""));
            if (Files.isRegularFile(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            try (InputStream in = TokenKeys.class.getClassLoader()
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

    /** The keys of the list a selector returned, as RSA public keys (others are skipped). */
    static List<RSAPublicKey> rsa(List<? extends java.security.Key> keys) {
        return keys.stream().filter(RSAPublicKey.class::isInstance).map(RSAPublicKey.class::cast).toList();
    }
}
