package com.clientalbums.maintenance.store;

import com.clientalbums.common.delivery.PartReceipt;
import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link MaintenanceStore} over S3: the one place maintenance talks to the bucket. */
public final class S3MaintenanceStore implements MaintenanceStore {
    private final S3Client s3;
    private final String bucket;
    private final PhotoListing photos;
    private final PartReceipts receipts;

    public S3MaintenanceStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
        this.photos = new PhotoListing(s3, bucket);
        this.receipts = new PartReceipts(s3, bucket);
    }

    @Override
    public List<PhotoObject> photos(String albumId) {
        return photos.list(albumId);
    }

    @Override
    public List<StoredObject> archives() {
        return list(S3Keys.ZIPS);
    }

    @Override
    public void deleteArchive(String key) {
        delete(key);
    }

    @Override
    public Set<String> keysIn(String folder) {
        if (!(folder.startsWith(S3Keys.ZIPS) || folder.startsWith(S3Keys.RECEIPTS)) || !folder.endsWith("/")) {
            throw new IllegalArgumentException("not a folder of zips/ or receipts/: " + folder);
        }
        Set<String> keys = new HashSet<>();
        list(folder).forEach(o -> keys.add(o.key()));
        return keys;
    }

    @Override
    public InputStream readArchive(String key) {
        return s3.getObject(r -> r.bucket(bucket).key(key));
    }

    @Override
    public void putReceipt(PartReceipt receipt) {
        receipts.put(receipt);
    }

    @Override
    public List<OpenUpload> openArchiveUploads() {
        List<OpenUpload> uploads = new ArrayList<>();
        var pages = s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(S3Keys.ZIPS));
        pages.uploads().forEach(u -> uploads.add(new OpenUpload(u.key(), u.uploadId(), u.initiated())));
        return uploads;
    }

    @Override
    public void abort(OpenUpload upload) {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
    }

    @Override
    public List<StoredObject> previews(String albumId) {
        return list(PreviewKeys.albumPrefix(albumId));
    }

    @Override
    public void deletePreview(String key) {
        delete(key);
    }

    private List<StoredObject> list(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        var pages = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix));
        pages.contents().forEach(o -> objects.add(new StoredObject(o.key(), o.lastModified())));
        return objects;
    }

    private void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key)); // S3 answers 204 for a key that is not there
    }
}
