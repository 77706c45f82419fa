package com.clientalbums.admin.shares;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.share.PinHash;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.AlbumIds;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The studio's share links of one album ({@code /admin/albums/{album_id}/shares}): made with a
 * token shown once, listed without it, changed, and turned off. Turning off keeps the row, so the
 * guest who opens the link is told it was turned off; turning off twice is no error.
 */
public final class ShareLinks {
    private final ShareRepository shares;
    private final AlbumRepository albums;
    private final ShareMail mail;
    private final String portalUrl;
    private final Clock clock;

    /** @param portalUrl the portal's address, links are {@code {portalUrl}/s/{token}}; empty for relative links */
    public ShareLinks(ShareRepository shares, AlbumRepository albums, ShareMail mail, String portalUrl, Clock clock) {
        this.shares = shares;
        this.albums = albums;
        this.mail = mail;
        this.portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
        this.clock = clock;
    }

    /** The 201 answer: the link's token and address, which the studio can show only now, and the mail queued with it. */
    public record Created(String shareId, String token, String url, String label, boolean hasPin, Instant expiresAt,
                          String downloads, Long downloadLimit, Instant createdAt, String state, ShareMail.Outcome mail) {}

    public record Listing(String albumId, List<ShareView> shares) {}

    public Created create(String albumId, Caller.SignedIn caller, ShareRequests.NewShare body) {
        Album album = requireAlbum(albumId);
        Instant now = clock.instant();
        ShareRequests.Valid valid = ShareRequests.validate(body, now);
        ShareMail.Request send = mail.validate(body.sendTo(), body.message());
        String token = ShareTokens.newToken();
        Share share;
        do {
            share = new Share(albumId, ShareTokens.newShareId(), valid.label(), valid.downloads(), valid.expiresAt(),
                    valid.downloadLimit(), 0, null, valid.pin() == null ? null : PinHash.of(valid.pin()),
                    now, caller.email(), null, 0, 0, null);
        } while (!shares.create(share, ShareTokens.hash(token), send.sendTo()));
        String url = portalUrl + "/s/" + token;
        ShareMail.Outcome sent = mail.send(album, share, url, send, now);
        ShareView view = ShareView.of(share, now);
        return new Created(share.shareId(), token, url, view.label(), view.hasPin(), view.expiresAt(),
                view.downloads(), view.downloadLimit(), view.createdAt(), view.state(), sent);
    }

    public Listing list(String albumId) {
        requireAlbum(albumId);
        Instant now = clock.instant();
        return new Listing(albumId, shares.ofAlbum(albumId).stream().map(s -> ShareView.of(s, now)).toList());
    }

    /** {@code PATCH}: the link as it is afterwards; 404 for no such link. */
    public ShareView change(String albumId, String shareId, String body) {
        requireAlbum(albumId);
        requireShareId(shareId);
        Instant now = clock.instant();
        return shares.change(albumId, shareId, ShareRequests.changes(body, now))
                .map(s -> ShareView.of(s, now))
                .orElseThrow(ShareLinks::noSuchLink);
    }

    public void revoke(String albumId, String shareId) {
        requireAlbum(albumId);
        requireShareId(shareId);
        if (!shares.revoke(albumId, shareId, clock.instant())) throw noSuchLink();
    }

    private Album requireAlbum(String albumId) {
        AlbumIds.require(albumId);
        return albums.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
    }

    private static void requireShareId(String shareId) {
        if (!ShareTokens.isShareId(shareId)) throw noSuchLink();
    }

    private static AlbumsException noSuchLink() {
        return AlbumsException.notFound("Share link");
    }
}
