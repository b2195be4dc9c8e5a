package io.huddle.streaming.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * An RSA key pair the tests sign tokens with, named by its key id ({@code kid}).
 *
 * @param jwk the key pair as a JWK (private part included)
 */
public record SigningKey(RSAKey jwk) {

    /** The id of the standard key. */
    public static final String STANDARD_KID = "it-1";

    /** The standard key (arquillian-tests/resources/it-jwt-private.pem), which the test JWKS serves from the start. */
    public static SigningKey standard() {
        try (InputStream in = SigningKey.class.getClassLoader().getResourceAsStream("it-jwt-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            return new SigningKey(new RSAKey.Builder(pub).privateKey(priv).keyID(STANDARD_KID).keyUse(KeyUse.SIGNATURE).build());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("test signing key unavailable", e);
        }
    }

    /** A new key pair with key id {@code kid}. */
    public static SigningKey generate(String kid) {
        try {
            return new SigningKey(new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return jwk.getKeyID();
    }
}
