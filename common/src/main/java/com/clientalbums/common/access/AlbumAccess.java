package com.clientalbums.common.access;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.store.AlbumIds;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Who may see which album, and download what of it ({@code docs/sharing.md}): the photographer
 * every album and everything in it; a client the albums granted to them, with the grant's
 * download permission; a share link's guest the link's album only, while the link is live, with
 * the link's permission. An album a caller may not see answers exactly as one that does not exist
 * — "Album not found", 404 — so an album id never tells anyone about other albums. After an
 * album's expiry date clients and guests get 410 "This gallery has expired"; the photographer
 * still sees it, to extend it.
 */
public final class AlbumAccess {
    private final AlbumRepository albums;
    private final GrantRepository grants;
    private final ShareRepository shares;
    private final Clock clock;

    public AlbumAccess(AlbumRepository albums, GrantRepository grants, ShareRepository shares, Clock clock) {
        this.albums = albums;
        this.grants = grants;
        this.shares = shares;
        this.clock = clock;
    }

    /** The album and the caller's download permission; 400 for an invalid id, 404 when not theirs, 410 once expired. */
    public Viewing open(Caller caller, String albumId) {
        AlbumIds.require(albumId);
        Instant now = clock.instant();
        return switch (caller) {
            case Caller.SignedIn person when person.isAdmin() -> new Viewing(find(albumId), Downloads.BOTH);
            case Caller.SignedIn person -> {
                Grant grant = grants.find(person.email(), albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
                yield new Viewing(notExpired(find(albumId), now), grant.downloads());
            }
            case Caller.Guest guest -> {
                if (!guest.albumId().equals(albumId)) throw AlbumsException.notFound("Album");
                Share share = shares.find(albumId, guest.shareId()).orElseThrow(() -> AlbumsException.notFound("Album"));
                share.requireLive(now);
                yield new Viewing(notExpired(find(albumId), now), share.downloads(), share.label());
            }
        };
    }

    /** The album if the caller may see it: {@link #open}'s album. */
    public Album require(Caller caller, String albumId) {
        return open(caller, albumId).album();
    }

    /**
     * An archive download is about to be handed out: counted against a share link's download limit
     * (one conditional write), 410 when the limit is reached. Signed-in people have no limit.
     */
    public void countArchiveDownload(Caller caller, String albumId) {
        if (caller instanceof Caller.Guest guest && !shares.countDownload(albumId, guest.shareId(), clock.instant())) {
            throw new AlbumsException(ErrorCode.DOWNLOAD_LIMIT_REACHED,
                    "This link's downloads are used up. Ask the photographer for a new link.");
        }
    }

    /** Every album the caller may see (a grant to an album since removed is skipped). */
    public List<Album> visible(Caller.SignedIn caller) {
        if (caller.isAdmin()) return albums.findAll();
        List<String> ids = grants.ofUser(caller.email()).stream().map(Grant::albumId).toList();
        // A client has a handful of albums: read them side by side rather than one after another.
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Album>>> reads = new ArrayList<>();
            for (String id : ids) reads.add(pool.submit(() -> albums.find(id)));
            List<Album> found = new ArrayList<>();
            for (var read : reads) read.get().ifPresent(found::add);
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading albums", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Album find(String albumId) {
        return albums.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
    }

    private static Album notExpired(Album album, Instant now) {
        if (album.expired(now)) {
            throw new AlbumsException(ErrorCode.GALLERY_EXPIRED, "This gallery has expired. Please contact the photographer.");
        }
        return album;
    }
}
