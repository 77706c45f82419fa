package com.clientalbums.common.store;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists an album's photos: every object under {@code albums/{id}/photos/} except folder
 * markers and hidden or system files (they never go into an archive, so they do not count).
 * Sorted by key, so that everything derived from a listing is deterministic.
 */
public final class PhotoListing {
    private final S3Client s3;
    private final String bucket;

    public PhotoListing(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
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
