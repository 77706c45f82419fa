package com.clientalbums.maintenance.handler;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Albums in parts as the generator leaves them, for maintenance tests: archive objects with their
 * sidecars and open uploads in the real S3, records written attribute by attribute as the album
 * table stores them ({@code zip_parts}, {@code build_parts}), without running a build.
 */
final class PartsSeeds {
    private final LocalAws aws;
    private final AlbumRepository albums;
    private final String bucket;

    PartsSeeds(LocalAws aws) {
        this.aws = aws;
        this.albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        this.bucket = aws.names().bucket();
    }

    /** An archive key of the album, as the generator names parts: a hash of what the part holds. */
    static String part(String albumId, int n) {
        return S3Keys.zipKey(albumId, String.format("%032x", n));
    }

    /** The archive's manifest, its checkpoint if asked, and the archive itself if asked. */
    void putArchive(String key, boolean archive, boolean checkpoint) {
        var s3 = aws.clients().s3();
        s3.putObject(r -> r.bucket(bucket).key(S3Keys.manifestKey(key)), RequestBody.fromString("{\"entries\":[]}"));
        if (checkpoint) s3.putObject(r -> r.bucket(bucket).key(S3Keys.checkpointKey(key)), RequestBody.fromString("{\"parts\":[]}"));
        if (archive) s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("an archive part"));
    }

    /** A multipart upload of the archive with one part uploaded, left open as a build out of time leaves it. */
    String openUpload(String key) {
        var s3 = aws.clients().s3();
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
        return uploadId;
    }

    List<String> openUploadIds() {
        return aws.clients().s3().listMultipartUploads(r -> r.bucket(bucket).prefix(S3Keys.ZIPS)).uploads().stream()
                .map(MultipartUpload::uploadId).toList();
    }

    boolean exists(String key) {
        try {
            aws.clients().s3().headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /** Ready since {@code publishedAt} with {@code parts} published, current by its fingerprints. */
    void ready(String albumId, List<String> parts, Instant publishedAt) {
        ready(albumId, parts, List.of(), publishedAt);
    }

    /** As {@link #ready(String, List, Instant)}, with the web-size archive's {@code webParts} published beside. */
    void ready(String albumId, List<String> parts, List<String> webParts, Instant publishedAt) {
        String fingerprint = register(albumId, publishedAt);
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("zip_status", s(ZipStatus.READY.value()));
        set.put("zip_fingerprint", s(fingerprint));
        set.put("zip_generated_at", s(Timestamps.format(publishedAt)));
        set.putAll(published(parts));
        set.put("web_parts", partList(webParts));
        update(albumId, set);
    }

    /** Registered and waiting for its build (as after a failed attempt, before the retry), with no plan. */
    void pending(String albumId) {
        register(albumId, Instant.now().minus(Duration.ofMinutes(10)));
    }

    /**
     * Generating under a live lease with the plan {@code tasks}; {@code previous}, if any, is what
     * was published before the photos changed.
     */
    void building(String albumId, List<String> previous, Instant publishedAt, List<Task> tasks) {
        String fingerprint = register(albumId, publishedAt);
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("zip_status", s(ZipStatus.GENERATING.value()));
        set.put("lease_owner", s("build-1"));
        set.put("lease_expires_at", s(Timestamps.format(Instant.now().plus(Duration.ofMinutes(10)))));
        set.put("build_fingerprint", s(fingerprint));
        Map<String, AttributeValue> plan = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) plan.put(Integer.toString(i), tasks.get(i).item());
        set.put("build_parts", AttributeValue.fromM(plan));
        set.put("parts_remaining", n(tasks.stream().filter(t -> !t.state().equals("done")).count()));
        if (!previous.isEmpty()) {
            set.put("zip_fingerprint", s("an-earlier-content"));
            set.put("zip_generated_at", s(Timestamps.format(publishedAt)));
            set.putAll(published(previous));
        }
        update(albumId, set);
    }

    /** One {@code build_parts} entry: {@code state} is todo, building (by {@code owner}, under a live lease) or done. */
    record Task(String key, String state, String owner) {
        AttributeValue item() {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("key", s(key));
            m.put("state", s(state));
            if (owner != null) {
                m.put("owner", s(owner));
                m.put("lease_expires_at", s(Timestamps.format(Instant.now().plus(Duration.ofMinutes(10)))));
            }
            m.put("progress", AttributeValue.fromM(Map.of("files_done", n(0), "files_total", n(1), "bytes_done", n(0),
                    "bytes_total", n(80))));
            m.put("size", n(100));
            return AttributeValue.fromM(m);
        }
    }

    /** A registered album with one photo: its content fingerprint is the photos' as maintenance lists them. */
    private String register(String albumId, Instant at) {
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, "IMG_1.jpg")),
                RequestBody.fromBytes(MaintenanceIntegrationTest.jpeg(Color.ORANGE)));
        var listed = new PhotoListing(aws.clients().s3(), bucket).list(albumId);
        String fingerprint = Fingerprint.of(listed, WebSizes.DEFAULT);
        assertTrue(albums.register(albumId, albumId, "studio@example.com", listed.size(), fingerprint, at));
        return fingerprint;
    }

    /** {@code zip_parts}, {@code zip_key} (the first) and the sums, as a publish writes them. */
    private static Map<String, AttributeValue> published(List<String> parts) {
        return Map.of("zip_parts", partList(parts), "zip_key", s(parts.get(0)),
                "zip_size", n(100L * parts.size()), "zip_file_count", n(parts.size()));
    }

    private static AttributeValue partList(List<String> parts) {
        List<AttributeValue> list = new ArrayList<>();
        for (String key : parts) {
            list.add(AttributeValue.fromM(Map.of("key", s(key), "size", n(100), "file_count", n(1), "content_bytes", n(80))));
        }
        return AttributeValue.fromL(list);
    }

    private void update(String albumId, Map<String, AttributeValue> set) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        int i = 0;
        for (var e : set.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":v" + i, e.getValue());
            assignments.add("#a" + i + " = :v" + i);
            i++;
        }
        aws.clients().dynamo().updateItem(r -> r.tableName(aws.names().albumTable()).key(Map.of("album_id", s(albumId)))
                .updateExpression("SET " + String.join(", ", assignments))
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static AttributeValue s(String v) { return AttributeValue.fromS(v); }

    private static AttributeValue n(long v) { return AttributeValue.fromN(Long.toString(v)); }
}
