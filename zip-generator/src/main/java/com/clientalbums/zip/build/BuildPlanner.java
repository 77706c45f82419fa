package com.clientalbums.zip.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists an album and cuts it into parts. The cut and the keys are a pure function of the listing
 * and the part size, so every worker of a build that lists the same photos plans the same parts
 * with the same keys: a worker checks its listing against the build's fingerprint and key, and
 * needs nothing else from the build.
 */
public final class BuildPlanner {
    private final PhotoListing listing;
    private final long maxPartBytes;
    private final int webSizePx;

    /** @param webSizePx {@code WEB_SIZE_PX}: the album's fingerprint includes its web-size recipe */
    public BuildPlanner(PhotoListing listing, long maxPartBytes, int webSizePx) {
        this.listing = listing;
        this.maxPartBytes = maxPartBytes;
        this.webSizePx = webSizePx;
    }

    /** @throws com.clientalbums.common.error.EmptyAlbumException when nothing is left to archive */
    public AlbumPlan plan(Album album) {
        String albumId = album.albumId();
        List<PhotoObject> photos = listing.list(albumId);
        Map<String, String> etagByKey = photos.stream().collect(Collectors.toMap(PhotoObject::key, PhotoObject::etag));
        List<ZipLayout> layouts = LayoutPlanner.planParts(photos.stream()
                .map(p -> new SourceFile(p.key(), p.relativePath(), p.size(), p.lastModified())).toList(), maxPartBytes);
        List<PlannedPart> parts = new ArrayList<>(layouts.size());
        for (ZipLayout layout : layouts) {
            List<String> etags = layout.entries().stream().map(e -> etagByKey.get(e.source().key())).toList();
            parts.add(new PlannedPart(parts.size(), PartKeys.keyOf(albumId, layout, etags), layout, etags));
        }
        return new AlbumPlan(Fingerprint.of(photos, WebSize.of(webSizePx, album)), parts);
    }
}
