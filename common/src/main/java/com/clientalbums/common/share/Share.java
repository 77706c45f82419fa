package com.clientalbums.common.share;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.time.Instant;

/**
 * A share link, as kept in the share table (key {@code album_id} + {@code share_id}; attribute
 * names in brackets). Its token is never stored: only {@code token_hash}, the SHA-256 of the token,
 * which the index {@code token_hash-index} finds it by. The PIN is kept as a salted slow hash.
 *
 * <p>TODO(issue 14, slice S): the fields below are the contract other slices rely on
 * ({@link #downloads()}, {@link #requireLive}); slice S adds what it needs.
 *
 * @param downloadLimit archive downloads the link allows; 0 for no limit
 * @param revokedAt     when the photographer turned it off; null while on
 */
public record Share(String albumId, String shareId, String label, Downloads downloads, Instant expiresAt,
                    long downloadLimit, long downloadsUsed, Instant revokedAt) {

    /** 410 for a link turned off or past its expiry; the message is shown to the guest as it is. */
    public void requireLive(Instant now) {
        if (revokedAt != null) throw new AlbumsException(ErrorCode.LINK_REVOKED, "This link was turned off by the photographer.");
        if (expiresAt != null && !expiresAt.isAfter(now)) throw new AlbumsException(ErrorCode.LINK_EXPIRED, "This link has expired.");
    }
}
