package com.clientalbums.common.share;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A share link, as kept in the share table (key {@code album_id} + {@code share_id}). Its token is
 * never stored: only {@code token_hash}, the SHA-256 of the token ({@link ShareTokens}), which the
 * index {@code token_hash-index} finds it by. The PIN is kept as a salted slow hash ({@link PinHash}).
 *
 * @param pin           the PIN's hash, or null for a link without one
 * @param expiresAt     when the link stops working; null for never
 * @param downloadLimit archive downloads the link allows; 0 for no limit
 * @param revokedAt     when the photographer turned it off; null while on (the row is kept, so a
 *                      guest is told the link was turned off rather than that it never existed)
 * @param sessions      guest sessions made from it
 * @param pinFailures   wrong PINs since the last right one (or since the last lock ended)
 * @param lockedUntil   while in the future, the link refuses PINs; null when not locked
 */
public record Share(String albumId, String shareId, String label, Downloads downloads, Instant expiresAt,
                    long downloadLimit, long downloadsUsed, Instant revokedAt, PinHash pin,
                    Instant createdAt, String createdBy, Instant lastUsedAt, long sessions,
                    int pinFailures, Instant lockedUntil) {

    /** Wrong PINs that lock a link, and for how long ({@code docs/security.md}). */
    public static final int MAX_PIN_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);

    /** What the studio sees of a link. */
    public enum State {
        ACTIVE, EXPIRED, REVOKED, EXHAUSTED;

        public String value() { return name().toLowerCase(Locale.ROOT); }
    }

    public boolean hasPin() { return pin != null; }

    /** Turned off wins over expired, which wins over used up: the order a guest is told. */
    public State state(Instant now) {
        if (revokedAt != null) return State.REVOKED;
        if (expiresAt != null && !expiresAt.isAfter(now)) return State.EXPIRED;
        if (downloadLimit > 0 && downloadsUsed >= downloadLimit) return State.EXHAUSTED;
        return State.ACTIVE;
    }

    /** 410 for a link turned off or past its expiry; the message is shown to the guest as it is. */
    public void requireLive(Instant now) {
        if (revokedAt != null) throw new AlbumsException(ErrorCode.LINK_REVOKED, "This link was turned off by the photographer.");
        if (expiresAt != null && !expiresAt.isAfter(now)) throw new AlbumsException(ErrorCode.LINK_EXPIRED, "This link has expired.");
    }
}
