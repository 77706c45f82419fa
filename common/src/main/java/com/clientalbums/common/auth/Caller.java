package com.clientalbums.common.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Locale;

/**
 * Who is calling the API, as their verified token says: a person signed in with Cognito, or the
 * guest of a share link holding a guest session ({@code docs/sharing.md}). A route says which it
 * takes by its type ({@link com.clientalbums.common.http.Route} for people signed in,
 * {@link com.clientalbums.common.http.ViewerRoute} for guests too), so a guest session can never
 * reach a route that was not written for it.
 */
public sealed interface Caller permits Caller.SignedIn, Caller.Guest {

    /** The photographer: in the {@code admin} group, or the {@code ADMIN_EMAIL} address. */
    boolean isAdmin();

    /**
     * A person signed in with Cognito.
     *
     * @param email   lower case: grants and the user table are keyed by it
     * @param name    the {@code name} claim, or empty
     * @param isAdmin the photographer
     */
    record SignedIn(@JsonProperty("email") String email,
                    @JsonProperty("name") String name,
                    @JsonProperty("is_admin") boolean isAdmin) implements Caller {
        public SignedIn {
            email = email.trim().toLowerCase(Locale.ROOT);
            name = name == null ? "" : name.trim();
        }
    }

    /**
     * The holder of a guest session, made by {@code POST /share/session} from a share link (and its
     * PIN). It reaches one album, and only while the link is still live: every request reads the
     * link again, so a revoked link stops working at the next request, not when the session ends.
     *
     * @param albumId   the one album the session reaches
     * @param shareId   the link it was made from
     * @param expiresAt when the session ends
     * @param visitor   who the guest said they are, once they gave a name (to keep favourites); null before
     */
    record Guest(String albumId, String shareId, Instant expiresAt, Visitor visitor) implements Caller {
        public Guest(String albumId, String shareId, Instant expiresAt) {
            this(albumId, shareId, expiresAt, null);
        }

        @Override
        public boolean isAdmin() { return false; }
    }

    /**
     * A guest who gave a name ({@code POST /share/visitor}, {@code docs/favourites.md}): the people
     * sharing one link keep favourites of their own. The id is 22 random base64url characters the
     * server made, kept by that browser for the link and given again with the link's token
     * ({@code POST /share/session}), so favourites outlive the session.
     */
    record Visitor(String id, String name) {
        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{22}");

        public static boolean isWellFormedId(String id) {
            return id != null && ID.matcher(id).matches();
        }
    }
}
