package io.huddle.streaming.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Mints MicroProfile JWTs for tests with the private key whose public half the test server trusts.
 */
public final class Tokens {

    public static final String ISSUER = "https://huddle.test";

    private Tokens() {
    }

    /** A token for {@code user}, valid for {@code lifetime} (negative: already expired), from {@code issuer}. */
    public static String mint(String user, Duration lifetime, String issuer) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer).subject(user).claim("upn", user)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(lifetime)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(privateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token for {@code user}. */
    public static String mint(String user) {
        return mint(user, Duration.ofMinutes(5), ISSUER);
    }

    private static PrivateKey privateKey() {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream("it-jwt-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("test signing key unavailable", e);
        }
    }
}
