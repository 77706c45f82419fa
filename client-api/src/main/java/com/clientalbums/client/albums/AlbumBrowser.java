package com.clientalbums.client.albums;

import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.http.PresignedLinks;
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

/** The caller's albums and one album's photos, with short-lived links to look at them. */
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
    public AlbumViews.AlbumList albums(Caller caller) {
        List<Album> albums = new ArrayList<>(access.visible(caller));
        albums.sort(Comparator.comparing(Album::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                .thenComparing(Album::albumId));
        // One small listing per album for its cover; side by side, so twenty albums cost one round trip of time.
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AlbumViews.Summary>> summaries = new ArrayList<>();
            for (Album a : albums) {
                summaries.add(pool.submit(() -> new AlbumViews.Summary(a.albumId(), a.name(), a.photoCount(),
                        previews.firstThumbnail(a.albumId()).map(this::link).orElse(null), a.createdAt())));
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
            views.add(new AlbumViews.Photo(p.relativePath(), p.size(), link(p.key()),
                    hasThumb ? link(thumb) : null, hasPreview ? link(preview) : null, hasThumb && hasPreview));
        }
        return new AlbumViews.Detail(album.albumId(), album.name(), photos.size(), album.createdAt(), views);
    }

    private String link(String key) {
        return links.get(key, linkExpiry, null, null).url();
    }
}
