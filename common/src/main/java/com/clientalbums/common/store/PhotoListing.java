package com.clientalbums.common.store;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.Selection;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists an album's photos: every object under {@code albums/{id}/photos/} except folder
 * markers and hidden or system files (they never go into an archive, so they do not count).
 * Sorted by key, so that everything derived from a listing is deterministic.
 *
 * <p>{@link #listFor} is what an archive record's build holds: an album's photos, or a favourites
 * archive's ({@link Selection}) — its album's photos kept to the chosen paths, so a chosen photo
 * deleted since simply is not there. The planner, the click's check and the fingerprint all list
 * through it, so they agree on what a selection holds.
 */
public final class PhotoListing {
    private final S3Client s3;
    private final String bucket;

    public PhotoListing(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The photos {@code record}'s archives are built from, sorted by key. */
    public List<PhotoObject> listFor(Album record) {
        List<PhotoObject> photos = list(record.photosAlbumId());
        return record.selection() == null ? photos : keptTo(record.selection(), photos);
    }

    /** The photos of an album's listing that {@code selection} chose, in the listing's order. */
    public static List<PhotoObject> keptTo(Selection selection, List<PhotoObject> albumPhotos) {
        Set<String> chosen = new HashSet<>(selection.paths());
        return albumPhotos.stream().filter(p -> chosen.contains(p.relativePath())).toList();
    }

    public List<PhotoObject> list(String albumId) {
        String prefix = S3Keys.photosPrefix(albumId);
        List<PhotoObject> photos = new ArrayList<>();
        var pages = s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build());
        for (S3Object o : pages.contents()) {
            String relative = o.key().substring(prefix.length());
            if (relative.isEmpty() || relative.endsWith("/") || HiddenFiles.isHidden(relative)) continue;
            photos.add(new PhotoObject(o.key(), relative, o.size(), o.eTag(), o.lastModified()));
        }
        photos.sort(Comparator.comparing(PhotoObject::key));
        return photos;
    }
}
