package io.huddle.streaming.it.support;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The identity provider's JWKS endpoint for the tests: serves the public halves of the signing keys at
 * {@code http://127.0.0.1:<huddle.jwks.port>/jwks.json}, the URL the test server's
 * {@code mp.jwt.verify.publickey.location} names. One per test JVM, started on first use; the keys it serves can
 * be changed (a key rotation at the provider).
 */
public final class JwksServer {

    private static JwksServer instance;

    private final HttpServer http;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String body;

    private JwksServer(int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        http.createContext("/jwks.json", exchange -> {
            requests.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        http.setExecutor(null);
        publish(List.of(SigningKey.standard()));
        http.start();
    }

    /** The endpoint, started with the standard signing key if it was not running. */
    public static synchronized JwksServer get() {
        if (instance == null) {
            int port = Integer.getInteger("huddle.jwks.port", 19099);
            try {
                instance = new JwksServer(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve the test JWKS on port " + port, e);
            }
        }
        return instance;
    }

    /** Serves the public halves of {@code keys} from now on. */
    public void publish(List<SigningKey> keys) {
        List<JWK> publicKeys = keys.stream().map(k -> (JWK) k.jwk().toPublicJWK()).toList();
        body = new JWKSet(publicKeys).toString();
    }

    /** How many times the key set was fetched so far. */
    public int requests() {
        return requests.get();
    }
}
