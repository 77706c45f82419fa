package com.clientalbums.common.auth;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtAuthenticatorTest {
    static TestIssuer issuer;

    @BeforeAll
    static void start() { issuer = TestIssuer.start(); }

    @AfterAll
    static void stop() { issuer.close(); }

    private static JwtAuthenticator authenticator() {
        return new JwtAuthenticator(issuer.config("Studio@Example.com"));
    }

    private static Caller.SignedIn verify(JwtAuthenticator auth, String token) {
        return auth.authenticate(Optional.of("Bearer " + token));
    }

    private static void assertRefused(JwtAuthenticator auth, Optional<String> header) {
        AlbumsException e = assertThrows(AlbumsException.class, () -> auth.authenticate(header));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code(), e.getMessage());
    }

    private static void assertRefused(String token) {
        assertRefused(authenticator(), Optional.of("Bearer " + token));
    }

    @Test
    void aValidIdTokenGivesTheCallerWithTheAddressInLowerCase() {
        Caller.SignedIn caller = verify(authenticator(), issuer.token("Ann.Client@Example.com").name("Ann Client").sign());
        assertEquals("ann.client@example.com", caller.email());
        assertEquals("Ann Client", caller.name());
        assertFalse(caller.isAdmin());
    }

    @Test
    void theAdminGroupOrTheAdminAddressMakesAnAdmin() {
        assertTrue(verify(authenticator(), issuer.adminToken("someone@example.com")).isAdmin());
        assertTrue(verify(authenticator(), issuer.idToken("STUDIO@example.COM")).isAdmin(), "ADMIN_EMAIL, case-insensitively");
        assertFalse(verify(authenticator(), issuer.token("c@example.com").groups("clients").sign()).isAdmin());
    }

    @Test
    void anAccessTokenNamesTheAppClientInClientId() {
        Caller.SignedIn caller = verify(authenticator(), issuer.token("ann@example.com").accessToken().sign());
        assertEquals("ann@example.com", caller.email());
        assertRefused(issuer.token("ann@example.com").accessToken().claim("client_id", "another-app").sign());
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertRefused(authenticator(), Optional.empty());
        assertRefused(authenticator(), Optional.of(""));
        assertRefused(authenticator(), Optional.of("Bearer "));
        assertRefused(authenticator(), Optional.of("Basic dXNlcjpwYXNz"));
        assertRefused(authenticator(), Optional.of("Bearer not.a.jwt"));
    }

    @Test
    void aTokenWithoutTheBearerSchemeIsRefused() {
        String token = issuer.idToken("ann@example.com");
        assertRefused(authenticator(), Optional.of(token));
        assertRefused(authenticator(), Optional.of("Token " + token));
        assertRefused(authenticator(), Optional.of("Bearer" + token));
        assertRefused(authenticator(), Optional.of("Bearer\t" + token));
        assertRefused(authenticator(), Optional.of("Bearer " + token + " " + token));
        assertRefused(authenticator(), Optional.of("Bearer Bearer " + token));
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSpacesAroundTheTokenAreForgiven() {
        String token = issuer.idToken("ann@example.com");
        for (String header : List.of("bearer " + token, "BEARER " + token, "Bearer   " + token, "  Bearer " + token + "  ")) {
            assertEquals("ann@example.com", authenticator().authenticate(Optional.of(header)).email(), header);
        }
    }

    @Test
    void aTokenIssuedInTheFutureIsRefusedBeyondTheSameMinuteOfClockSkew() {
        assertRefused(issuer.token("ann@example.com").issuedIn(Duration.ofMinutes(2)).sign());
        assertRefused(issuer.token("ann@example.com").issuedIn(Duration.ofDays(365)).sign());
        assertEquals("ann@example.com",
                verify(authenticator(), issuer.token("ann@example.com").issuedIn(Duration.ofSeconds(30)).sign()).email(),
                "a signer 30 s ahead is within the skew allowed for exp");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedWhateverKeyIdItClaims() {
        var forger = TestIssuer.foreignKey("key-1");
        assertRefused(issuer.token("ann@example.com").signedWith(forger).sign());
        assertRefused(issuer.token("ann@example.com").signedWith(TestIssuer.foreignKey("unknown-kid")).sign());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(issuer.token("ann@example.com").audience("another-app").sign());
    }

    @Test
    void anExpiredTokenIsRefusedBeyondAMinuteOfClockSkew() {
        assertRefused(issuer.token("ann@example.com").expiredAgo(Duration.ofMinutes(2)).sign());
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(issuer.token("ann@example.com").issuer("https://cognito-idp.eu-west-1.amazonaws.com/other-pool").sign());
    }

    @Test
    void aTokenWithoutAUseOrWithAnUnverifiedAddressIsRefused() {
        assertRefused(issuer.token("ann@example.com").claim("token_use", null).sign());
        assertRefused(issuer.token("ann@example.com").claim("token_use", "refresh").sign());
        assertRefused(issuer.token("ann@example.com").claim("email_verified", false).sign());
        assertRefused(issuer.token("ann@example.com").claim("email", null).sign());
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String[] parts = issuer.idToken("ann@example.com").split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertRefused(none + "." + parts[1] + ".");
    }

    @Test
    void manyVerificationsFetchTheKeysOnce() throws Exception {
        JwtAuthenticator auth = authenticator();
        String token = issuer.idToken("ann@example.com");
        int before = issuer.jwksFetches();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Caller.SignedIn>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) calls.add(pool.submit(() -> verify(auth, token)));
            for (var call : calls) assertEquals("ann@example.com", call.get().email());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, issuer.jwksFetches() - before);
    }

    @Test
    void aNewKeyIdMakesOneRefetchSoARotatedKeyIsAccepted() {
        try (TestIssuer rotating = TestIssuer.start()) {
            JwtAuthenticator auth = new JwtAuthenticator(rotating.config(""));
            assertEquals("a@example.com", verify(auth, rotating.idToken("a@example.com")).email());
            assertEquals(1, rotating.jwksFetches());
            rotating.rotate("key-2");
            assertEquals("b@example.com", verify(auth, rotating.idToken("b@example.com")).email());
            assertEquals(2, rotating.jwksFetches());
            verify(auth, rotating.idToken("c@example.com"));
            assertEquals(2, rotating.jwksFetches());
        }
    }

    @Test
    void anUnreachableKeySetIsAnOutageNotARefusal() {
        var config = new AuthConfig(java.net.URI.create("http://127.0.0.1:9/nothing-here"), TestIssuer.CLIENT_ID, "");
        AlbumsException e = assertThrows(AlbumsException.class,
                () -> verify(new JwtAuthenticator(config), issuer.token("a@example.com").issuer("http://127.0.0.1:9/nothing-here").sign()));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
    }
}
