package com.clientalbums.common.auth;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.util.Optional;

/**
 * The token of {@code Authorization: Bearer <token>} (RFC 6750, section 2.1): the scheme in any
 * case, then spaces, then exactly one token. A bare token is refused, so nothing else that travels
 * in {@code Authorization} is ever read as a credential.
 */
final class BearerTokens {
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final String BEARER = "Bearer ";

    private BearerTokens() {}

    /** The token, or 401 for a missing or malformed header. */
    static String require(Optional<String> authorization) {
        String header = authorization.map(String::trim).orElse("");
        if (header.isEmpty()) throw new AlbumsException(ErrorCode.UNAUTHORIZED, "Please sign in to continue.");
        return of(header).orElseThrow(() -> new AlbumsException(ErrorCode.UNAUTHORIZED, JwtAuthenticator.SIGN_IN_AGAIN));
    }

    /** The token of a well-formed header; empty otherwise. */
    static Optional<String> of(String authorization) {
        String header = authorization.trim();
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) return Optional.empty();
        String token = header.substring(BEARER.length()).stripLeading();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS || !isToken(token)) return Optional.empty();
        return Optional.of(token);
    }

    /** RFC 6750's b64token: letters, digits and {@code - . _ ~ + /}, then any {@code =} padding. */
    private static boolean isToken(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') end--;
        if (end == 0) return false;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!ok) return false;
        }
        return true;
    }
}
