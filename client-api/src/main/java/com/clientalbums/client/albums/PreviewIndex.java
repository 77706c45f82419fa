package com.clientalbums.client.albums;

import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which preview images exist ({@link PreviewKeys}), found by listing rather than one HEAD per
 * photo. The generator makes them when a photo arrives, maintenance those it missed; until they
 * exist the API answers null for their links.
 */
public final class PreviewIndex {
    private final S3Client s3;
    private final String bucket;

    public PreviewIndex(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Every preview key of an album (one listing, all its pages). */
    public Set<String> keys(String albumId) {
        Set<String> keys = new HashSet<>();
        var pages = s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(PreviewKeys.albumPrefix(albumId)).build());
        for (S3Object o : pages.contents()) keys.add(o.key());
        return keys;
    }

    /** The album's first thumbnail in key order — the first photo's — if any exists (one request). */
    public Optional<String> firstThumbnail(String albumId) {
        String prefix = PreviewKeys.sizePrefix(albumId, PreviewSize.THUMB);
        var page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(1).build());
        return page.contents().stream().map(S3Object::key).filter(k -> k.length() > prefix.length()).findFirst();
    }
}
