package io.huddle.streaming.transport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokensTest {

    private static final RSAKey KEY = generate("k1");
    private static final RSAKey OTHER = generate("k2");

    @Test
    void aPemKeyVerifiesTokensWhateverTheirKid() throws Exception {
        BearerTokens tokens = tokens(Optional.of(pem(KEY)), Optional.empty());
        assertEquals("alice", tokens.verify(token("alice", KEY, "some-kid")).orElseThrow().getName());
        assertEquals("alice", tokens.verify(token("alice", KEY, null)).orElseThrow().getName());
        assertTrue(tokens.verify(token("alice", OTHER, null)).isEmpty(), "another key's signature is refused");
    }

    @Test
    void anInlineJwkSetChoosesTheKeyByKid() throws Exception {
        String set = new JWKSet(List.of(KEY.toPublicJWK(), OTHER.toPublicJWK())).toString();
        BearerTokens tokens = tokens(Optional.of(set), Optional.empty());
        assertEquals("bob", tokens.verify(token("bob", OTHER, "k2")).orElseThrow().getName());
        assertEquals("bob", tokens.verify(token("bob", KEY, "k1")).orElseThrow().getName());
        assertTrue(tokens.verify(token("bob", KEY, "k2")).isEmpty(), "signed with k1 but claiming k2");
        assertTrue(tokens.verify(token("bob", generate("k3"), "k3")).isEmpty(), "a kid the set does not hold");
    }

    @Test
    void withoutAKeyNoTokenIsAccepted() throws Exception {
        BearerTokens tokens = tokens(Optional.empty(), Optional.empty());
        assertFalse(tokens.enabled());
        assertTrue(tokens.verify(token("carol", KEY, null)).isEmpty());
    }

    private static BearerTokens tokens(Optional<String> key, Optional<String> location) {
        BearerTokens tokens = new BearerTokens();
        tokens.publicKeyPem = key;
        tokens.publicKeyLocation = location;
        tokens.issuer = Optional.empty();
        tokens.audiences = Optional.empty();
        tokens.loadKeys();
        return tokens;
    }

    private static String token(String user, RSAKey key, String kid) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user)
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String pem(RSAKey key) throws JOSEException {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
