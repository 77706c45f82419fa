package com.clientalbums.client.albums;

import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.access.Viewing;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.http.ContentDisposition;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.http.PhotoPaths;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The caller's albums and one album's photos, with short-lived links to look at them.
 *
 * <p>Every link names the content type S3 must answer with ({@code response-content-type}, part of
 * the signature), whatever type the object was stored with: a browser-safe image as its own type,
 * anything else as an {@code application/octet-stream} attachment. A file typed {@code image/svg+xml}
 * or {@code text/html} by whoever put it in the bucket is never shown as a page from the bucket's
 * origin. S3 cannot add {@code X-Content-Type-Options: nosniff} to a presigned GET; the forced type
 * is what protects these links (docs/uploads.md).
 *
 * <p>What a photo's {@code view_url} shows follows what the caller may download
 * ({@code docs/sharing.md}): the original only when originals are allowed, since a link to look at an
 * original is a link to download it; otherwise the web-size version (a video or PDF the album's
 * web size includes is its own web-size version), and the preview while that is not made.
 */
public final class AlbumBrowser {
    private final AlbumAccess access;
    private final PhotoListing listing;
    private final PreviewIndex previews;
    private final PresignedLinks links;
    private final Duration linkExpiry;
    private final int webSizePx;
    private final Clock clock;

    /** @param webSizePx {@code WEB_SIZE_PX}, shown to the client beside the size choice */
    public AlbumBrowser(AlbumAccess access, PhotoListing listing, PreviewIndex previews, PresignedLinks links, Duration linkExpiry,
                        int webSizePx, Clock clock) {
        this.access = access;
        this.listing = listing;
        this.previews = previews;
        this.links = links;
        this.linkExpiry = linkExpiry;
        this.webSizePx = webSizePx;
        this.clock = clock;
    }

    /**
     * {@code GET /albums}: newest first; the photographer sees every album. A client's expired album
     * is listed as such, without a cover: its photos are no longer theirs to see.
     */
    public AlbumViews.AlbumList albums(Caller.SignedIn caller) {
        Instant now = clock.instant();
        List<Album> albums = new ArrayList<>(access.visible(caller));
        albums.sort(Comparator.comparing(Album::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                .thenComparing(Album::albumId));
        // One small listing per album for its cover; side by side, so twenty albums cost one round trip of time.
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AlbumViews.Summary>> summaries = new ArrayList<>();
            for (Album a : albums) {
                boolean expired = a.expired(now);
                boolean closed = expired && !caller.isAdmin();
                summaries.add(pool.submit(() -> new AlbumViews.Summary(a.albumId(), a.name(), a.photoCount(),
                        closed ? null : previews.firstThumbnail(a.albumId()).map(this::previewLink).orElse(null), a.createdAt(), expired)));
            }
            List<AlbumViews.Summary> out = new ArrayList<>();
            for (var s : summaries) out.add(s.get());
            return new AlbumViews.AlbumList(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing albums", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** {@code GET /albums/{album_id}}: the photos in key order (folders together). */
    public AlbumViews.Detail album(Caller caller, String albumId) {
        Viewing viewing = access.open(caller, albumId);
        Album album = viewing.album();
        List<PhotoObject> photos = listing.list(albumId);
        Set<String> previewKeys = previews.keys(albumId);
        List<AlbumViews.Photo> views = new ArrayList<>(photos.size());
        for (PhotoObject p : photos) {
            String thumb = PreviewKeys.image(albumId, PreviewSize.THUMB, p.relativePath());
            String preview = PreviewKeys.image(albumId, PreviewSize.PREVIEW, p.relativePath());
            String web = PreviewKeys.web(albumId, p.relativePath());
            boolean hasThumb = previewKeys.contains(thumb);
            boolean hasPreview = previewKeys.contains(preview);
            boolean hasWeb = previewKeys.contains(web);
            String viewUrl = switch (shown(viewing, p, hasWeb, hasPreview)) {
                case ORIGINAL -> viewLink(p);
                case WEB_RENDITION -> previewLink(web);
                case PREVIEW -> previewLink(preview);
                case NOTHING -> null;
            };
            views.add(new AlbumViews.Photo(p.relativePath(), p.size(), viewUrl,
                    hasThumb ? previewLink(thumb) : null, hasPreview ? previewLink(preview) : null, hasThumb && hasPreview, hasWeb));
        }
        return new AlbumViews.Detail(album.albumId(), album.name(), photos.size(), album.createdAt(), viewing.downloads().value(),
                album.expiresAt(), webSizePx, album.proofing().limit(),
                album.proofing().due() == null ? null : album.proofing().due().toString(), views);
    }

    /** What a photo's {@code view_url} links to. */
    private enum Shown { ORIGINAL, WEB_RENDITION, PREVIEW, NOTHING }

    private static Shown shown(Viewing viewing, PhotoObject photo, boolean hasWeb, boolean hasPreview) {
        Downloads downloads = viewing.downloads();
        if (downloads.allows(PhotoSize.ORIGINAL)) return Shown.ORIGINAL;
        if (downloads.allows(PhotoSize.WEB)) {
            if (hasWeb) return Shown.WEB_RENDITION;
            boolean otherFileKept = FileTypes.kind(photo.relativePath())
                    .filter(k -> k == FileTypes.Kind.VIDEO || k == FileTypes.Kind.DOCUMENT).isPresent()
                    && viewing.album().webOtherFiles() == WebSize.OtherFiles.INCLUDE;
            if (otherFileKept) return Shown.ORIGINAL;
        }
        // View only, or the web-size version is not made yet: the preview is what there is to look at.
        return hasPreview ? Shown.PREVIEW : Shown.NOTHING;
    }

    /** The original: shown when a browser-safe image, else downloaded under its own name. */
    private String viewLink(PhotoObject photo) {
        FileTypes.Serving serving = FileTypes.serving(photo.relativePath());
        String disposition = serving.inline() ? "inline"
                : ContentDisposition.attachment(PhotoPaths.baseName(photo.relativePath()));
        return links.get(photo.key(), linkExpiry, disposition, serving.contentType()).url();
    }

    /** Thumbnails and previews are JPEGs this system rendered. */
    private String previewLink(String key) {
        return links.get(key, linkExpiry, "inline", "image/jpeg").url();
    }
}
