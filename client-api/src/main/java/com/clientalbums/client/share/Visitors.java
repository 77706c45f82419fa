package com.clientalbums.client.share;

import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.access.Emails;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.favourite.Person;
import com.clientalbums.common.text.InvisibleCharacters;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code POST /share/visitor}: a share link's guest gives a name (and, if they like, an e-mail) so
 * their favourites are theirs and the photographer knows whose they are ({@code docs/favourites.md}).
 * The server makes the visitor id, so one guest cannot pick another's; the browser keeps it for the
 * link and gives it to {@code POST /share/session} ({@link #returning}), so favourites outlive the
 * session. A guest who gave a name before keeps their id (and favourites) and may change the name.
 */
public final class Visitors {
    public static final int MAX_NAME_LENGTH = 80;
    private static final int ID_BYTES = 16;

    private final AlbumAccess access;
    private final FavouriteRepository favourites;
    private final GuestSessions sessions;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Visitors(AlbumAccess access, FavouriteRepository favourites, GuestSessions sessions, Clock clock) {
        this.access = access;
        this.favourites = favourites;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The body. */
    public record Request(String name, String email) {}

    /** The answer: the guest's session, now carrying the visitor, and who they are. */
    public record Answer(String guestToken, long expiresIn, String visitorId, String name) {}

    public Answer register(Caller caller, Request request) {
        if (!(caller instanceof Caller.Guest guest)) {
            throw new AlbumsException(ErrorCode.FORBIDDEN, "Only a guest of a share link gives a name here.");
        }
        String name = requireName(request.name());
        String email = request.email() == null || request.email().isBlank() ? null : Emails.require(request.email());
        access.open(guest, guest.albumId()); // the link is still live and its gallery open
        String id = guest.visitor() != null ? guest.visitor().id() : newId();
        Caller.Visitor visitor = new Caller.Visitor(id, name);
        favourites.saveVisitor(guest.albumId(),
                new Person(Person.guestId(guest.shareId(), id), Person.Kind.GUEST, name, email, guest.shareId()), clock.instant());
        GuestSessions.Session session = sessions.renamed(guest, visitor);
        return new Answer(session.token(), session.expiresIn(), id, name);
    }

    /**
     * The visitor a new session of the link carries: the one the browser kept, when the link and
     * album have their item; empty for an id never made here (the guest is then asked again).
     */
    public Optional<Caller.Visitor> returning(String albumId, String shareId, String visitorId) {
        if (!Caller.Visitor.isWellFormedId(visitorId)) return Optional.empty();
        return favourites.find(albumId, Person.guestId(shareId, visitorId))
                .filter(f -> f.person().kind() == Person.Kind.GUEST)
                .map(f -> new Caller.Visitor(visitorId, f.person().name()));
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Trimmed; 1–80 characters (code points, so a name in any script fits the same); nothing that
     * does not show (the studio lists it beside other names, so a right-to-left override or a
     * zero-width space would make one name pass for another).
     */
    static String requireName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) throw AlbumsException.badRequest("Enter your name.");
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw AlbumsException.badRequest("Your name may have at most " + MAX_NAME_LENGTH + " characters.");
        }
        boolean control = name.codePoints().map(Character::getType).anyMatch(t -> t == Character.CONTROL
                || t == Character.SURROGATE || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR);
        if (control || !InvisibleCharacters.strip(name).equals(name)) {
            throw AlbumsException.badRequest("Your name has characters that do not show. Please type it again.");
        }
        return name;
    }
}
