package com.clientalbums.common.auth;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Guest sessions ({@code docs/security.md}): short-lived HS256 JWTs that {@code POST /share/session}
 * signs for a share link's guest and the client API verifies, with one secret key of at least 256
 * bits that only the client API reads ({@code GUEST_KEY_SOURCE}). Issuer {@value #ISSUER},
 * audience {@value #AUDIENCE}, subject the share id, claim {@code album_id}. Times are the API's
 * clock, so tests move them with it. Thread-safe.
 */
public final class GuestSessions {
    public static final String ISSUER = "client-albums/share";
    public static final String AUDIENCE = "client-albums/guest";
    static final String ALBUM_CLAIM = "album_id";
    static final String VISITOR_CLAIM = "visitor_id";
    static final String VISITOR_NAME_CLAIM = "visitor_name";
    private static final int MIN_KEY_BYTES = 32;
    private static final String SESSION_ENDED = "This guest session has ended. Please open the link again.";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    /** A session made now lasts {@code lifetime}. */
    public GuestSessions(byte[] key, Duration lifetime, Clock clock) {
        if (key.length < MIN_KEY_BYTES) throw new IllegalArgumentException("the guest-session key must be at least 32 bytes");
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable guest-session key: " + e.getMessage(), e);
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A signed guest session and how many seconds it lasts. */
    public record Session(String token, long expiresIn) {}

    public Session sign(String albumId, String shareId) {
        return sign(albumId, shareId, null);
    }

    /** A session for a guest who gave a name ({@code visitor}; null for one who has not yet). */
    public Session sign(String albumId, String shareId, Caller.Visitor visitor) {
        Instant now = clock.instant();
        return sign(albumId, shareId, visitor, now, now.plus(lifetime));
    }

    /**
     * The session {@code guest} holds, now carrying {@code visitor}, ending when it did: giving a
     * name must not lengthen a session (a PIN link's would otherwise outlive its PIN check).
     */
    public Session renamed(Caller.Guest guest, Caller.Visitor visitor) {
        return sign(guest.albumId(), guest.shareId(), visitor, clock.instant(), guest.expiresAt());
    }

    private Session sign(String albumId, String shareId, Caller.Visitor visitor, Instant now, Instant expiresAt) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(shareId).claim(ALBUM_CLAIM, albumId)
                .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt));
        if (visitor != null) builder.claim(VISITOR_CLAIM, visitor.id()).claim(VISITOR_NAME_CLAIM, visitor.name());
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a guest session", e);
        }
        return new Session(jwt.serialize(), Duration.between(now, expiresAt).toSeconds());
    }

    /** True for a token that says it is a guest session (unverified: only to choose who verifies it). */
    public static boolean claimsToBeGuest(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) && ISSUER.equals(jwt.getJWTClaimsSet().getIssuer());
        } catch (ParseException notAJwt) {
            return false;
        }
    }

    /** The guest the token was signed for; 401 for a forged, altered, foreign or ended session. */
    public Caller.Guest verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) throw unauthorized();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String albumId = claims.getStringClaim(ALBUM_CLAIM);
            Date expires = claims.getExpirationTime();
            boolean ours = ISSUER.equals(claims.getIssuer())
                    && Optional.ofNullable(claims.getAudience()).orElse(List.of()).equals(List.of(AUDIENCE))
                    && claims.getSubject() != null && albumId != null && expires != null;
            if (!ours || !expires.toInstant().isAfter(clock.instant())) throw unauthorized();
            String visitorId = claims.getStringClaim(VISITOR_CLAIM);
            Caller.Visitor visitor = Caller.Visitor.isWellFormedId(visitorId)
                    ? new Caller.Visitor(visitorId, Objects.requireNonNullElse(claims.getStringClaim(VISITOR_NAME_CLAIM), ""))
                    : null;
            return new Caller.Guest(albumId, claims.getSubject(), expires.toInstant(), visitor);
        } catch (ParseException | JOSEException e) {
            throw unauthorized();
        }
    }

    private static AlbumsException unauthorized() {
        return new AlbumsException(ErrorCode.UNAUTHORIZED, SESSION_ENDED);
    }
}
