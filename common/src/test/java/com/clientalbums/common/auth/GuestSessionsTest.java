package com.clientalbums.common.auth;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestSessionsTest {
    static final byte[] KEY = "a-guest-session-key-of-32-bytes!".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_KEY = "another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);

    final TestClock clock = new TestClock(Instant.parse("2026-12-05T12:00:00Z"));
    final GuestSessions sessions = new GuestSessions(KEY, Duration.ofHours(1), clock);

    @Test
    void aSessionVerifiesAsTheGuestOfItsLinkUntilItEnds() {
        GuestSessions.Session session = sessions.sign("smith-wedding", "abcdefghijkl");
        assertEquals(3600, session.expiresIn());
        assertTrue(GuestSessions.claimsToBeGuest(session.token()));
        assertEquals(new Caller.Guest("smith-wedding", "abcdefghijkl", clock.instant().plusSeconds(3600)), sessions.verify(session.token()));
        clock.advance(Duration.ofMinutes(59));
        assertEquals("smith-wedding", sessions.verify(session.token()).albumId());
        clock.advance(Duration.ofMinutes(1));
        assertUnauthorized(() -> sessions.verify(session.token()));
    }

    @Test
    void aSessionSignedWithAnotherKeyIsRefused() {
        String forged = new GuestSessions(OTHER_KEY, Duration.ofHours(1), clock).sign("smith-wedding", "abcdefghijkl").token();
        assertTrue(GuestSessions.claimsToBeGuest(forged));
        assertUnauthorized(() -> sessions.verify(forged));
        assertUnauthorized(() -> sessions.verify("not.a.jwt"));
    }

    @Test
    void aKeyShorterThan256BitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GuestSessions(new byte[31], Duration.ofHours(1), clock));
    }

    @Test
    void theAuthenticatorSendsGuestSessionsToTheGuestVerifierAndEverythingElseToSignIn() {
        AtomicInteger signedInCalls = new AtomicInteger();
        Authenticator signedIn = header -> {
            signedInCalls.incrementAndGet();
            return new Caller.SignedIn("ann@example.com", "Ann", false);
        };
        GuestOrSignedIn either = new GuestOrSignedIn(sessions, signedIn);
        String guest = sessions.sign("smith-wedding", "abcdefghijkl").token();
        assertInstanceOf(Caller.Guest.class, either.authenticate(Optional.of("Bearer " + guest)));
        assertEquals(0, signedInCalls.get());
        assertInstanceOf(Caller.SignedIn.class, either.authenticate(Optional.of("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")));
        assertInstanceOf(Caller.SignedIn.class, either.authenticate(Optional.empty()));
        assertEquals(2, signedInCalls.get());
        // A forged guest session is refused by the guest verifier, never passed on to sign-in.
        String forged = new GuestSessions(OTHER_KEY, Duration.ofHours(1), clock).sign("smith-wedding", "abcdefghijkl").token();
        assertUnauthorized(() -> either.authenticate(Optional.of("Bearer " + forged)));
        assertEquals(2, signedInCalls.get());
        assertFalse(GuestSessions.claimsToBeGuest("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
    }

    private static void assertUnauthorized(Runnable call) {
        AlbumsException e = assertThrows(AlbumsException.class, call::run);
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
    }
}
