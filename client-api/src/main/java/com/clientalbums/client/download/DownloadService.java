package com.clientalbums.client.download;

import com.clientalbums.client.deliveries.Deliveries;
import com.clientalbums.client.deliveries.Requester;
import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.access.Viewing;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.http.ContentDisposition;
import com.clientalbums.common.http.PhotoPaths;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.store.HiddenFiles;
import com.clientalbums.common.store.ObjectHead;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoListing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * "Download All", "Download favourites" and one-photo downloads, in either size ({@link PhotoSize}),
 * each only when the caller may download that size ({@link Viewing#requireDownload}: 403 otherwise,
 * checked before anything else is read or requested).
 *
 * <p>An archive is answered by {@link ArchiveAnswers}, the one state machine of an archive record:
 * the album's own record for Download All; for Download favourites the record of the caller's
 * favourites archive ({@link FavouritesArchives}: the same photos chosen by anyone are one record,
 * built once), from the selection table.
 *
 * <p>Every ready answer is a delivery to the caller ({@link Deliveries}): recorded before its links
 * are signed, each link tagged with it. The caller's device is told by the request's {@code User-Agent}.
 */
public final class DownloadService {
    /** The one value of {@code selection} ({@code ?selection=favourites}): the caller's favourites. */
    public static final String FAVOURITES = "favourites";

    private final AlbumAccess access;
    private final ArchiveAnswers albumArchives;
    private final ArchiveAnswers favouritesArchives;
    private final FavouritesArchives favourites;
    private final Deliveries deliveries;
    private final ObjectHeads heads;
    private final WebSizeFile webSizeFiles;
    private final Duration photoUrlExpiry;

    /**
     * @param albums     the album table, for Download All
     * @param selections the selection table, for favourites archives
     * @param webSizePx  {@code WEB_SIZE_PX}: a record's fingerprint and a rendition's currency depend on it
     */
    public DownloadService(AlbumAccess access, ArchiveRecords albums, ArchiveRecords selections, FavouriteRepository favourites,
                           PhotoListing listing, ObjectHeads heads, Deliveries deliveries, int webSizePx, Duration zipUrlExpiry,
                           Duration photoUrlExpiry, Clock clock) {
        ArchiveCheck check = new ArchiveCheck(listing, heads, webSizePx);
        this.access = access;
        this.albumArchives = new ArchiveAnswers(albums, DeliveredKind.ALBUM, access, deliveries, check, zipUrlExpiry, clock);
        this.favouritesArchives = new ArchiveAnswers(selections, DeliveredKind.FAVOURITES, access, deliveries, check, zipUrlExpiry, clock);
        this.favourites = new FavouritesArchives(favourites, selections, listing, webSizePx, clock);
        this.deliveries = deliveries;
        this.heads = heads;
        this.webSizeFiles = new WebSizeFile(heads, webSizePx);
        this.photoUrlExpiry = photoUrlExpiry;
    }

    /**
     * Whether {@code ?selection=} asks for the caller's favourites: absent is Download All (or one
     * photo); {@code favourites} is the only selection there is, and names no photo.
     *
     * @throws AlbumsException 400 for another selection, or a selection with {@code file_name}
     */
    public static boolean favouritesAsked(Optional<String> selection, Optional<String> fileName) {
        if (selection.isEmpty()) return false;
        if (!selection.get().equals(FAVOURITES)) throw AlbumsException.badRequest("selection must be \"" + FAVOURITES + "\"");
        if (fileName.isPresent()) throw AlbumsException.badRequest("Ask for a selection or for one file_name, not both");
        return true;
    }

    /**
     * {@code GET /albums/{album_id}/download[?size=original|web]}.
     *
     * @param userAgent the request's {@code User-Agent}: the device a ready answer is delivered to
     */
    public DownloadResponse archive(Caller caller, String albumId, PhotoSize size, Optional<String> userAgent) {
        Viewing viewing = access.open(caller, albumId);
        viewing.requireDownload(size);
        return albumArchives.answer(caller, Requester.of(caller, viewing, userAgent), viewing.album(), size);
    }

    /**
     * {@code GET /albums/{album_id}/download?selection=favourites[&size=original|web]}: the archive
     * of the caller's favourites still in the album; 404 {@code NO_FAVOURITES} when there are none.
     */
    public DownloadResponse favourites(Caller caller, String albumId, PhotoSize size, Optional<String> userAgent) {
        Viewing viewing = access.open(caller, albumId);
        viewing.requireDownload(size);
        Album record = favourites.recordFor(caller, viewing.album());
        return favouritesArchives.answer(caller, Requester.of(caller, viewing, userAgent), record, size);
    }

    /**
     * {@code GET /albums/{album_id}/download?file_name=PATH[&size=web]}: one photo, under its own name
     * (web size: the rendition's, {@code .jpg}; see {@link WebSizeFile}).
     */
    public DownloadResponse photo(Caller caller, String albumId, String path, PhotoSize size, Optional<String> userAgent) {
        Viewing viewing = access.open(caller, albumId);
        viewing.requireDownload(size);
        String key = PhotoPaths.requireKey(albumId, path);
        if (HiddenFiles.isHidden(path)) throw AlbumsException.notFound("Photo");
        ServedFile served = switch (size) {
            case ORIGINAL -> {
                long length = heads.head(key).map(ObjectHead::size).orElseThrow(() -> AlbumsException.notFound("Photo"));
                yield new ServedFile(key, length, PhotoPaths.baseName(path), null);
            }
            case WEB -> webSizeFiles.of(viewing.album(), path);
        };
        String name = ContentDisposition.safeName(served.fileName());
        Deliveries.Handed delivery = deliveries.handOut(Requester.of(caller, viewing, userAgent), albumId, DeliveredKind.PHOTO, size,
                name, List.of(DeliveredPart.handedOut(served.key(), name, served.size(), 1)), 1);
        PresignedLinks.Link link = delivery.link(served.key(), photoUrlExpiry, ContentDisposition.attachment(name), served.contentType());
        return new DownloadResponse(albumId, link.url(), link.expiresInSeconds(), 1, "ready", null, null,
                List.of(new DownloadResponse.Part(link.url(), served.size(), 1, name)), null, size.value());
    }

}
