package com.clientalbums.client.share;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.share.PinAttempt;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.share.ShareTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /share/session}: a share link's token (and its PIN) for a guest session that reaches
 * the link's album only ({@code docs/security.md}). An unknown token answers exactly like a
 * malformed one, with or without a PIN, so guessing learns nothing; a link turned off or expired,
 * or its gallery expired, says so. A PIN is checked only after an attempt is reserved
 * ({@link ShareRepository#reserveAttempt}), so at most five are checked per quarter hour whatever
 * arrives at once. A guest who gave a name on an earlier session ({@link Visitors}) sends the
 * visitor id their browser kept, and the new session carries that visitor again, so their
 * favourites are still theirs.
 */
public final class ShareSessions {
    private static final String NOT_VALID = "This link is not valid.";

    private final ShareRepository shares;
    private final AlbumRepository albums;
    private final GuestSessions sessions;
    private final Visitors visitors;
    private final Clock clock;

    public ShareSessions(ShareRepository shares, AlbumRepository albums, GuestSessions sessions, Visitors visitors, Clock clock) {
        this.shares = shares;
        this.albums = albums;
        this.sessions = sessions;
        this.visitors = visitors;
        this.clock = clock;
    }

    /**
     * The body: the token from {@code /s/{token}}, the PIN when the link has one, and the visitor id
     * this browser was given for the link, if any.
     */
    public record Request(String token, String pin, String visitorId) {}

    /**
     * The guest's session and what the page shows before loading the album.
     *
     * @param visitor who the session is for, when the browser's visitor id was found; else null (a name is asked at the first heart)
     */
    public record Session(String guestToken, String albumId, long expiresIn, String label, String downloads, VisitorView visitor) {}

    /** A returning visitor, as the page shows them. */
    public record VisitorView(String id, String name) {}

    public Session exchange(Request request) {
        Instant now = clock.instant();
        if (!ShareTokens.isWellFormed(request.token())) throw notValid();
        Share share = shares.findByToken(request.token()).orElseThrow(ShareSessions::notValid);
        share.requireLive(now);
        Album album = albums.find(share.albumId()).orElseThrow(ShareSessions::notValid);
        if (album.expired(now)) {
            throw new AlbumsException(ErrorCode.GALLERY_EXPIRED, "This gallery has expired. Please contact the photographer.");
        }
        if (share.hasPin()) checkPin(share, request.pin(), now);
        shares.recordSession(share.albumId(), share.shareId(), share.hasPin(), now);
        Caller.Visitor visitor = visitors.returning(share.albumId(), share.shareId(), request.visitorId()).orElse(null);
        GuestSessions.Session session = sessions.sign(share.albumId(), share.shareId(), visitor);
        return new Session(session.token(), share.albumId(), session.expiresIn(), share.label(), share.downloads().value(),
                visitor == null ? null : new VisitorView(visitor.id(), visitor.name()));
    }

    private void checkPin(Share share, String pin, Instant now) {
        if (pin == null || pin.isEmpty()) throw new AlbumsException(ErrorCode.PIN_REQUIRED, "This link needs its PIN.");
        switch (shares.reserveAttempt(share.albumId(), share.shareId(), now)) {
            case PinAttempt.Gone gone -> throw notValid();
            case PinAttempt.Locked locked -> throw locked(locked.until(), now);
            case PinAttempt.Reserved reserved -> {
                if (share.pin().matches(pin)) return;
                shares.recordWrongPin(share.albumId(), share.shareId(), reserved.failures(), now);
                int left = Share.MAX_PIN_FAILURES - reserved.failures();
                throw new AlbumsException(ErrorCode.PIN_INCORRECT, left > 0
                        ? "That PIN is not right. " + left + (left == 1 ? " try" : " tries") + " left."
                        : "That PIN is not right. " + lockedFor(Share.LOCK));
            }
        }
    }

    private static AlbumsException locked(Instant until, Instant now) {
        Duration left = Duration.between(now, until);
        return new AlbumsException(ErrorCode.LINK_LOCKED, "Too many wrong PINs. " + lockedFor(left)
                + " (retry_after_seconds: " + Math.max(1, left.toSeconds()) + ")");
    }

    private static String lockedFor(Duration left) {
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        return "This link accepts PINs again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }

    private static AlbumsException notValid() {
        return new AlbumsException(ErrorCode.NOT_FOUND, NOT_VALID);
    }
}
