package com.clientalbums.common.auth;

import com.clientalbums.common.config.Setting;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Cognito stand-in for tests: an RSA key, its JWKS served on loopback at
 * {@code {issuer}/.well-known/jwks.json} (Cognito's layout), and RS256 tokens with Cognito's
 * claims. Each part of a token can be spoiled to test refusals (another key, audience, expiry…).
 */
public final class TestIssuer implements AutoCloseable {
    public static final String CLIENT_ID = "test-app-client";

    private final HttpServer server;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile RSAKey signing;

    private TestIssuer() throws IOException {
        signing = newKey("key-1");
        published.add(signing);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/issuer/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = new JWKSet(new ArrayList<>(published.stream().map(RSAKey::toPublicJWK).toList()))
                    .toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static TestIssuer start() {
        try {
            return new TestIssuer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuerUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
    }

    /** The settings an API needs to accept this issuer's tokens (on top of LocalAws's environment). */
    public Map<String, String> env(String adminEmail) {
        return Map.of(Setting.AUTH_ISSUER_URL.name(), issuerUrl(),
                Setting.COGNITO_USER_POOL_ID.name(), "local-pool",
                Setting.COGNITO_CLIENT_ID.name(), CLIENT_ID,
                Setting.ADMIN_EMAIL.name(), adminEmail);
    }

    public AuthConfig config(String adminEmail) {
        return new AuthConfig(java.net.URI.create(issuerUrl()), CLIENT_ID, adminEmail);
    }

    public int jwksFetches() { return jwksFetches.get(); }

    /** Publishes a new key and signs with it from now on, as when Cognito rotates its keys. */
    public void rotate(String keyId) {
        signing = newKey(keyId);
        published.add(signing);
    }

    /** A key the issuer never published: what a forger would sign with. */
    public static RSAKey foreignKey(String keyId) {
        return newKey(keyId);
    }

    public Token token(String email) {
        return new Token(email);
    }

    /** A client's ID token with the usual claims. */
    public String idToken(String email) {
        return token(email).sign();
    }

    public String adminToken(String email) {
        return token(email).groups("admin").sign();
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One token to sign, Cognito-shaped unless told otherwise. */
    public final class Token {
        private final JWTClaimsSet.Builder claims;
        private RSAKey key = signing;
        private String keyId;

        private Token(String email) {
            Instant now = Instant.now();
            claims = new JWTClaimsSet.Builder()
                    .issuer(issuerUrl())
                    .audience(CLIENT_ID)
                    .subject("sub-" + email)
                    .claim("email", email)
                    .claim("email_verified", true)
                    .claim("name", "Name of " + email)
                    .claim("token_use", "id")
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
        }

        public Token groups(String... groups) { claims.claim("cognito:groups", List.of(groups)); return this; }

        public Token name(String name) { claims.claim("name", name); return this; }

        public Token audience(String audience) { claims.audience(audience); return this; }

        public Token issuer(String issuer) { claims.issuer(issuer); return this; }

        public Token claim(String name, Object value) { claims.claim(name, value); return this; }

        /** An access token: Cognito names the app client in {@code client_id} and sets no {@code aud}. */
        public Token accessToken() {
            claims.audience((String) null).claim("token_use", "access").claim("client_id", CLIENT_ID);
            return this;
        }

        public Token expiredAgo(Duration ago) {
            Instant now = Instant.now();
            claims.issueTime(Date.from(now.minus(ago).minus(Duration.ofHours(1)))).expirationTime(Date.from(now.minus(ago)));
            return this;
        }

        /** Issued {@code ahead} from now, as a signer whose clock runs fast would. */
        public Token issuedIn(Duration ahead) {
            Instant issued = Instant.now().plus(ahead);
            claims.issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(Duration.ofHours(1))));
            return this;
        }

        public Token signedWith(RSAKey otherKey) { this.key = otherKey; return this; }

        /** Claims the key id of a published key while signing with another. */
        public Token keyId(String keyId) { this.keyId = keyId; return this; }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keyId != null ? keyId : key.getKeyID()).type(JOSEObjectType.JWT).build(), claims.build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
