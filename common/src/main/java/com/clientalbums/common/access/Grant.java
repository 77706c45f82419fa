package com.clientalbums.common.access;

import java.time.Instant;

/**
 * A row of the user-album table: this client may see this album, and download what
 * {@code downloads} allows (stored as {@code downloads}; a grant made before permissions existed
 * allows {@link Downloads#DEFAULT}).
 */
public record Grant(String email, String albumId, Instant grantedAt, Downloads downloads) {
    public Grant {
        if (downloads == null) downloads = Downloads.DEFAULT;
    }
}
