package com.clientalbums.zip.build;

import com.clientalbums.common.store.S3Keys;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.HashSet;
import java.util.Set;

/**
 * The archive objects an album has in S3. An archive's key names its content, so a part whose
 * key is listed here is built already (an upload appears only once complete) and is kept as it is.
 */
public final class ExistingArchives {
    private final S3Client s3;
    private final String bucket;

    public ExistingArchives(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** One listing of {@code zips/{album_id}/}: a few hundred keys at most, against a HEAD per part. */
    public Set<String> of(String albumId) {
        Set<String> keys = new HashSet<>();
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(S3Keys.zipPrefix(albumId)))) {
            page.contents().stream().map(S3Object::key).forEach(keys::add);
        }
        return keys;
    }
}
