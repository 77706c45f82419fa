package com.clientalbums.client.albums;

import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.http.ContentDisposition;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.http.PhotoPaths;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;

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
 */
public final class AlbumBrowser {
    private final AlbumAccess access;
    private final PhotoListing listing;
    private final PreviewIndex previews;
    private final PresignedLinks links;
    private final Duration linkExpiry;

    public AlbumBrowser(AlbumAccess access, PhotoListing listing, PreviewIndex previews, PresignedLinks links, Duration linkExpiry) {
        this.access = access;
        this.listing = listing;
        this.previews = previews;
        this.links = links;
        this.linkExpiry = linkExpiry;
    }

    /** {@code GET /albums}: newest first; the photographer sees every album. */
    public AlbumViews.AlbumList albums(Caller.SignedIn caller) {
        List<Album> albums = new ArrayList<>(access.visible(caller));
        albums.sort(Comparator.comparing(Album::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                .thenComparing(Album::albumId));
        // One small listing per album for its cover; side by side, so twenty albums cost one round trip of time.
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AlbumViews.Summary>> summaries = new ArrayList<>();
            for (Album a : albums) {
                summaries.add(pool.submit(() -> new AlbumViews.Summary(a.albumId(), a.name(), a.photoCount(),
                        previews.firstThumbnail(a.albumId()).map(this::previewLink).orElse(null), a.createdAt())));
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
        Album album = access.require(caller, albumId);
        List<PhotoObject> photos = listing.list(albumId);
        Set<String> previewKeys = previews.keys(albumId);
        List<AlbumViews.Photo> views = new ArrayList<>(photos.size());
        for (PhotoObject p : photos) {
            String thumb = PreviewKeys.image(albumId, PreviewSize.THUMB, p.relativePath());
            String preview = PreviewKeys.image(albumId, PreviewSize.PREVIEW, p.relativePath());
            boolean hasThumb = previewKeys.contains(thumb);
            boolean hasPreview = previewKeys.contains(preview);
            views.add(new AlbumViews.Photo(p.relativePath(), p.size(), viewLink(p),
                    hasThumb ? previewLink(thumb) : null, hasPreview ? previewLink(preview) : null, hasThumb && hasPreview));
        }
        return new AlbumViews.Detail(album.albumId(), album.name(), photos.size(), album.createdAt(), views);
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
