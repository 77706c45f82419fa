package com.clientalbums.common.mail;

import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Opt-out tokens: signed for one address with the guest-session key, and nothing else passes for one. */
class OptOutTokensTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final OptOutTokens TOKENS = new OptOutTokens(KEY);

    static ErrorCode refusal(String token) {
        return assertThrows(AlbumsException.class, () -> TOKENS.verify(token)).code();
    }

    @Test
    void aTokenNamesTheAddressItWasSignedForInLowerCase() {
        String token = TOKENS.sign("Ann@Example.com");
        assertEquals("ann@example.com", TOKENS.verify(token));
        assertNotEquals(token, TOKENS.sign("bob@example.com"));
    }

    @Test
    void aTokenSignedWithAnotherKeyOrAlteredIsRefused() {
        String other = new OptOutTokens("another key, also thirty-two bytes long".getBytes(StandardCharsets.UTF_8))
                .sign("ann@example.com");
        assertEquals(ErrorCode.OPT_OUT_LINK_INVALID, refusal(other));

        String token = TOKENS.sign("ann@example.com");
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"bob@example.com\",\"purpose\":\"mail-opt-out\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.OPT_OUT_LINK_INVALID, refusal(parts[0] + "." + forgedClaims + "." + parts[2]));
        assertEquals(ErrorCode.OPT_OUT_LINK_INVALID, refusal("not a token"));
        assertEquals(ErrorCode.OPT_OUT_LINK_INVALID, refusal(""));
        assertEquals(ErrorCode.OPT_OUT_LINK_INVALID, refusal(null));
    }

    @Test
    void aGuestSessionAndAnOptOutTokenSignedWithTheSameKeyAreNeverTakenForEachOther() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
        GuestSessions sessions = new GuestSessions(KEY, Duration.ofHours(1), clock);
        String session = sessions.sign("album-1", "share-1").token();
        assertEquals(ErrorCode.OPT_OUT_LINK_INVALID, refusal(session));
        assertEquals(400, ErrorCode.OPT_OUT_LINK_INVALID.httpStatus());

        String optOut = TOKENS.sign("ann@example.com");
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(AlbumsException.class, () -> sessions.verify(optOut)).code());
    }
}
