package io.huddle.streaming.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Mints MicroProfile JWTs for tests, as an identity provider would: signed with a key the test JWKS endpoint
 * ({@link JwksServer}, which the test server trusts) serves, naming it by {@code kid}.
 */
public final class Tokens {

    public static final String ISSUER = "https://huddle.test";

    private Tokens() {
    }

    /** A token for {@code user}, valid for {@code lifetime} (negative: already expired), from {@code issuer}. */
    public static String mint(String user, Duration lifetime, String issuer) {
        return mint(user, lifetime, issuer, SigningKey.standard());
    }

    /** A token for {@code user}, valid for {@code lifetime}, from {@code issuer}, signed with {@code key}. */
    public static String mint(String user, Duration lifetime, String issuer, SigningKey key) {
        JwksServer.get();
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer).subject(user).claim("upn", user)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(lifetime)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(), claims);
            jwt.sign(new RSASSASigner(key.jwk()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token for {@code user}, signed with the standard key. */
    public static String mint(String user) {
        return mint(user, Duration.ofMinutes(5), ISSUER);
    }
}
