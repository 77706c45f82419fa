package com.clientalbums.common.favourite;

import com.clientalbums.common.auth.Caller;

import java.util.Locale;
import java.util.Optional;

/**
 * Whose favourites ({@code docs/favourites.md}): a client signed in, keyed by e-mail, or a guest of
 * a share link who gave a name, keyed by the link and the visitor id the server made for them.
 * The photographer signed in is a client like any other here: their own hearts are theirs.
 *
 * @param id      the favourite table's sort key: {@code client:{email}} or {@code guest:{share_id}:{visitor_id}}
 * @param name    what the studio shows: the client's name (or e-mail), the guest's given name
 * @param email   the client's address; the guest's, if they gave one; else null
 * @param shareId the link a guest came through; null for a client
 */
public record Person(String id, Kind kind, String name, String email, String shareId) {

    public enum Kind {
        CLIENT, GUEST;

        public String value() { return name().toLowerCase(Locale.ROOT); }

        public static Optional<Kind> of(String value) {
            for (Kind k : values()) if (k.value().equals(value)) return Optional.of(k);
            return Optional.empty();
        }
    }

    /**
     * The person behind a caller; empty for a guest who has not yet given a name (their first
     * heart asks for one: {@code NAME_REQUIRED}).
     *
     * @param guestEmail the e-mail a guest gave with their name, when known (it is not in their session)
     */
    public static Optional<Person> of(Caller caller, String guestEmail) {
        return switch (caller) {
            case Caller.SignedIn s -> Optional.of(new Person("client:" + s.email(), Kind.CLIENT,
                    s.name().isEmpty() ? s.email() : s.name(), s.email(), null));
            case Caller.Guest g -> g.visitor() == null ? Optional.empty() : Optional.of(new Person(
                    guestId(g.shareId(), g.visitor().id()), Kind.GUEST, g.visitor().name(), guestEmail, g.shareId()));
        };
    }

    /** The person id of a link's visitor, as {@code POST /share/session} looks it up from the id the browser kept. */
    public static String guestId(String shareId, String visitorId) {
        return "guest:" + shareId + ":" + visitorId;
    }

    /** The favourite table's key for a caller, without anything else: empty as {@link #of}. */
    public static Optional<String> idOf(Caller caller) {
        return of(caller, null).map(Person::id);
    }
}
