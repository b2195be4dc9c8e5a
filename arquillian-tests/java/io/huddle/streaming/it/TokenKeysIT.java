package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.JwksServer;
import io.huddle.streaming.it.support.SigningKey;
import io.huddle.streaming.it.support.Tokens;
import io.huddle.streaming.it.support.WsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bearer tokens verified against the identity provider's JWKS endpoint ({@code mp.jwt.verify.publickey.location}
 * is the test JWKS URL on the test server), through both the {@code access_token} parameter and the
 * {@code Authorization} header.
 */
class TokenKeysIT extends WireTest {

    @Test
    void aKeyTheProviderRotatesInIsAcceptedFromItsFirstTokenAndAnUnpublishedKeyNever() {
        JwksServer jwks = JwksServer.get();
        String user = Api.user("rotated");
        assertEquals(user, welcomedUser(Tokens.mint(user)), "the provider's current key works");
        assertEquals(200, restStatus(Tokens.mint(user)));

        SigningKey rotated = SigningKey.generate("it-rotated-" + UUID.randomUUID().toString().substring(0, 8));
        jwks.publish(List.of(SigningKey.standard(), rotated));
        int fetchesBefore = jwks.requests();
        String token = Tokens.mint(user, Duration.ofMinutes(5), Tokens.ISSUER, rotated);
        assertEquals(user, welcomedUser(token), "a token of the new key works at once: its unknown kid refetches the set");
        assertEquals(200, restStatus(token));
        assertTrue(jwks.requests() > fetchesBefore, "the key set was fetched again");
        assertEquals(user, welcomedUser(Tokens.mint(user)), "the older key still in the set still works");

        SigningKey rogue = SigningKey.generate("it-rogue-" + UUID.randomUUID().toString().substring(0, 8));
        String forged = Tokens.mint(user, Duration.ofMinutes(5), Tokens.ISSUER, rogue);
        try (WsClient refused = WsClient.connectWithToken(base, forged)) {
            assertEquals(4401, refused.awaitClose(), "a key the provider never published is no identity");
        }
        assertEquals(401, restStatus(forged));
    }

    private String welcomedUser(String token) {
        try (WsClient client = WsClient.connectWithToken(base, token)) {
            return client.next("welcome").getString("user");
        }
    }

    private int restStatus(String token) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(base + "api/v1/presence/online"))
                        .header("Authorization", "Bearer " + token).timeout(WsClient.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).join().statusCode();
    }
}
