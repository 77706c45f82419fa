package com.clientalbums.common.auth;

import java.util.Optional;

/** Turns a request's {@code Authorization} header into a verified caller, or refuses it with 401. */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param authorization the header's value, if the request has one
     * @throws com.clientalbums.common.error.AlbumsException {@code UNAUTHORIZED} for a missing,
     *         malformed, forged, expired or foreign token
     */
    Caller authenticate(Optional<String> authorization);
}
