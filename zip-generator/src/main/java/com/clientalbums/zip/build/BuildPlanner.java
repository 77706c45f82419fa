package com.clientalbums.zip.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.error.EmptyAlbumException;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.previews.job.WebRendition;
import com.clientalbums.previews.job.WebRenditions;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lists an album and cuts it into parts: first the originals, then the web-size archive (each
 * photo's current web-size rendition, or the file itself, or nothing; {@link WebRenditions}), cut
 * by the same rules, its parts numbered on after the originals'. The cut and the keys are a pure
 * function of the listing, the renditions and the part size, so every worker of a build that lists
 * the same photos plans the same parts with the same keys: a worker checks its listing against the
 * build's fingerprint and key, and needs nothing else from the build.
 */
public final class BuildPlanner {
    private static final Logger LOG = System.getLogger(BuildPlanner.class.getName());

    private final PhotoListing listing;
    private final WebRenditions renditions;
    private final long maxPartBytes;
    private final int webSizePx;

    /** @param webSizePx {@code WEB_SIZE_PX}: the long edge of web-size photos, and so part of the album's fingerprint */
    public BuildPlanner(PhotoListing listing, WebRenditions renditions, long maxPartBytes, int webSizePx) {
        this.listing = listing;
        this.renditions = renditions;
        this.maxPartBytes = maxPartBytes;
        this.webSizePx = webSizePx;
    }

    /**
     * @param remainingMillis the invocation's time left: making missing renditions stops when it runs short
     * @throws EmptyAlbumException    when no original is left to archive (a web-size archive with nothing in it is
     *                                planned as no parts: an album of RAW files has none)
     * @throws WebRenditions.OutOfTime when time ran short before every rendition was made; those made are kept
     */
    public AlbumPlan plan(Album album, LongSupplier remainingMillis) throws WebRenditions.OutOfTime {
        // The archives are the record's (zips/{its id}/); the photos and their renditions are its
        // album's, for a favourites archive kept to the chosen ones (PhotoListing.listFor).
        String albumId = album.albumId();
        List<PhotoObject> photos = listing.listFor(album);
        WebSize webSize = WebSize.of(webSizePx, album);
        List<PlannedPart> parts = new ArrayList<>();
        plan(parts, albumId, PhotoSize.ORIGINAL, photos.stream().map(BuildPlanner::original).toList());
        List<ListedSource> web = webSources(albumId, renditions.prepare(album.photosAlbumId(), photos, webSize, remainingMillis));
        try {
            if (!web.isEmpty()) plan(parts, albumId, PhotoSize.WEB, web);
        } catch (EmptyAlbumException e) {
            // Only hidden or system files would go in: no web-size archive, like an album of RAW files.
        }
        return new AlbumPlan(Fingerprint.of(photos, webSize), parts);
    }

    /** A file to archive with the ETag the listing (or the rendition's HEAD) gave it. */
    private record ListedSource(SourceFile file, String etag) {}

    private static ListedSource original(PhotoObject p) {
        return new ListedSource(new SourceFile(p.key(), p.relativePath(), p.size(), p.lastModified()), p.etag());
    }

    /** Renditions under the photo's name made {@code .jpg}, in the photo's folder and with its time. */
    private static List<ListedSource> webSources(String albumId, List<WebRendition> renditions) {
        List<ListedSource> sources = new ArrayList<>(renditions.size());
        int omitted = 0;
        for (WebRendition r : renditions) {
            switch (r) {
                case WebRendition.Rendered(PhotoObject p, String key, long size, String etag) -> sources.add(new ListedSource(
                        new SourceFile(key, WebRendition.renditionPath(p.relativePath()), size, p.lastModified()), etag));
                case WebRendition.Unchanged(PhotoObject p) -> sources.add(original(p));
                case WebRendition.Omitted o -> omitted++;
            }
        }
        if (omitted > 0) {
            LOG.log(Level.INFO, "album {0}: {1} of {2} file(s) left out of the web-size archive (RAW, unreadable, or"
                    + " videos and documents the album leaves out)", albumId, omitted, renditions.size());
        }
        return sources;
    }

    private void plan(List<PlannedPart> parts, String albumId, PhotoSize size, List<ListedSource> sources) {
        Map<String, String> etagByKey = new HashMap<>();
        sources.forEach(s -> etagByKey.put(s.file().key(), s.etag()));
        for (ZipLayout layout : LayoutPlanner.planParts(sources.stream().map(ListedSource::file).toList(), maxPartBytes)) {
            List<String> etags = layout.entries().stream().map(e -> etagByKey.get(e.source().key())).toList();
            parts.add(new PlannedPart(parts.size(), PartKeys.keyOf(albumId, layout, etags, size), layout, etags, size));
        }
    }
}
