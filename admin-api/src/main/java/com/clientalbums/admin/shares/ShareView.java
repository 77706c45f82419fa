package com.clientalbums.admin.shares;

import com.clientalbums.common.share.Share;

import java.time.Instant;

/**
 * A share link as the studio lists it: never its token (shown once, when made, and not kept).
 *
 * @param downloadLimit null for no limit
 * @param state         {@code active | expired | revoked | exhausted}
 */
public record ShareView(String shareId, String label, boolean hasPin, Instant expiresAt, String downloads,
                        Long downloadLimit, long downloadsUsed, long sessions, Instant lastUsedAt, Instant createdAt,
                        Instant revokedAt, Instant lockedUntil, String state) {

    static ShareView of(Share share, Instant now) {
        Instant lock = share.lockedUntil() != null && share.lockedUntil().isAfter(now) ? share.lockedUntil() : null;
        return new ShareView(share.shareId(), share.label(), share.hasPin(), share.expiresAt(), share.downloads().value(),
                share.downloadLimit() == 0 ? null : share.downloadLimit(), share.downloadsUsed(), share.sessions(),
                share.lastUsedAt(), share.createdAt(), share.revokedAt(), lock, share.state(now).value());
    }
}
