package com.clientalbums.admin.albums;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.store.AlbumIds;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The photographer's albums: registration (the build is queued at once, so
 * the archive is usually ready before the first client looks), the archive states, forced
 * rebuilds. As in the client API, build requests go through {@link BuildRequests}: the album
 * record is the state of record and a wake-up message that fails to send leaves the album
 * {@code pending}, where maintenance finds it.
 */
public final class AlbumStudio {
    public static final int MAX_NAME_CHARS = 200;

    /** New album's fields. */
    public record Registration(String albumId, String name) {}

    private final AlbumRepository albums;
    private final PhotoListing photos;
    private final BuildRequests builds;
    private final Clock clock;
    private final int webSizePx;

    /** @param webSizePx {@code WEB_SIZE_PX}: the album's fingerprint includes its web-size recipe */
    public AlbumStudio(AlbumRepository albums, PhotoListing photos, BuildRequests builds, Clock clock, int webSizePx) {
        this.webSizePx = webSizePx;
        this.albums = albums;
        this.photos = photos;
        this.builds = builds;
        this.clock = clock;
    }

    /**
     * {@code POST /admin/albums}: records the photos as they are and queues the first build (an
     * album registered before its photos waits for them: their S3 events request it); 409 if the id is taken.
     */
    public AdminViews.AlbumRow register(Caller.SignedIn caller, Registration registration) {
        String albumId = AlbumIds.require(registration.albumId());
        String name = requireName(registration.name());
        List<PhotoObject> listed = photos.list(albumId);
        Instant now = clock.instant();
        if (!albums.register(albumId, name, caller.email(), listed.size(), Fingerprint.of(listed, WebSize.defaults(webSizePx)), now)) {
            throw new AlbumsException(ErrorCode.CONFLICT, "An album with the id '" + albumId + "' already exists");
        }
        // Registration itself recorded the request (pending) when there are photos; it only needs its wake-up.
        if (!listed.isEmpty()) builds.wake(albumId);
        return AdminViews.AlbumRow.of(require(albumId), clock.instant());
    }

    /** {@code GET /admin/albums}: newest first. */
    public AdminViews.AlbumList list() {
        Instant now = clock.instant();
        return new AdminViews.AlbumList(albums.findAll().stream()
                .sorted(Comparator.comparing(Album::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                        .thenComparing(Album::albumId))
                .map(a -> AdminViews.AlbumRow.of(a, now)).toList());
    }

    /** {@code GET /admin/albums/{album_id}/zip}. */
    public AdminViews.Archive archive(String albumId) {
        return AdminViews.Archive.of(require(albumId), clock.instant());
    }

    /**
     * {@code POST /admin/albums/{album_id}/zip}: a forced rebuild, even of a current archive. When a
     * build is already requested or under way, that one stands and its state is the answer.
     */
    public AdminViews.Archive rebuild(String albumId) {
        require(albumId);
        builds.rebuild(albumId, RequestSource.ADMIN);
        return archive(albumId);
    }

    /** The album, or 404; 400 for an invalid id. */
    public Album require(String albumId) {
        AlbumIds.require(albumId);
        return albums.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
    }

    static String requireName(String raw) {
        String name = raw == null ? "" : raw.strip();
        int chars = name.codePointCount(0, name.length());
        if (chars < 1 || chars > MAX_NAME_CHARS) {
            throw AlbumsException.badRequest("The album's name must be 1-" + MAX_NAME_CHARS + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw AlbumsException.badRequest("The album's name must not contain control characters");
        }
        return name;
    }
}
