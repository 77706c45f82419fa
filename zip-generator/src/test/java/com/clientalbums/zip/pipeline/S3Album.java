package com.clientalbums.zip.pipeline;

import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * An album of random photos uploaded to a bucket, with the layout and ETags a build is given, and
 * what a test compares builds by: the SHA-256 of an archive as S3 serves it.
 */
record S3Album(S3Client s3, String bucket, ZipLayout layout, List<String> etags, List<Integer> crcs) {

    /** {@code photos} photos of {@code minBytes} to {@code maxBytes} under {@code albums/{id}/photos/}. */
    static S3Album upload(S3Client s3, String bucket, String id, int photos, int minBytes, int maxBytes) {
        Random random = new Random(id.hashCode());
        List<SourceFile> files = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        List<Integer> crcs = new ArrayList<>();
        for (int i = 0; i < photos; i++) {
            byte[] bytes = new byte[minBytes + random.nextInt(maxBytes - minBytes + 1)];
            random.nextBytes(bytes);
            String name = String.format("IMG_%04d.jpg", i);
            String key = "albums/" + id + "/photos/" + name;
            etags.add(s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag());
            files.add(new SourceFile(key, name, bytes.length, Instant.parse("2024-06-15T14:30:00Z")));
            CRC32 crc = new CRC32();
            crc.update(bytes);
            crcs.add((int) crc.getValue());
        }
        return new S3Album(s3, bucket, LayoutPlanner.plan(files), etags, crcs);
    }

    long contentBytes() {
        return layout.entries().stream().mapToLong(ZipLayout.Entry::size).sum();
    }

    S3PhotoSource photos() {
        return new S3PhotoSource(s3, bucket);
    }

    S3ArchiveTarget target() {
        return new S3ArchiveTarget(s3, bucket);
    }

    S3CheckpointStore checkpoints() {
        return new S3CheckpointStore(s3, bucket);
    }

    BuildMonitor monitor() {
        return new BuildMonitor(layout.entries().size(), layout.totalSize());
    }

    ArchiveJob fullJob(String key, PipelineConfig config) {
        return ArchiveJob.full(key, layout, etags, config.partSizeFor(layout.totalSize()));
    }

    /** The CRC-32 of every entry whose bytes lie wholly in {@code [from, to)}. */
    Map<Integer, Integer> crcsWithin(long from, long to) {
        var known = new HashMap<Integer, Integer>();
        for (int i = 0; i < layout.entries().size(); i++) {
            var e = layout.entries().get(i);
            if (e.headerOffset() >= from && e.dataOffset() + e.size() <= to) known.put(i, crcs.get(i));
        }
        return known;
    }

    String sha256(String key) {
        try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /**
     * Deletes every object under {@code prefix} but {@code keep}, and aborts the uploads left
     * there: the loopback S3 keeps them in the test JVM's heap, shared with every later test class.
     */
    void deleteUnder(String prefix, Set<String> keep) {
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> !keep.contains(o.key()))
                .forEach(o -> s3.deleteObject(r -> r.bucket(bucket).key(o.key())));
        s3.listMultipartUploads(r -> r.bucket(bucket).prefix(prefix)).uploads()
                .forEach(u -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(u.key()).uploadId(u.uploadId())));
    }

    /** Upload ids S3 lists as still in progress for {@code key}. */
    List<String> uploadsInProgress(String key) {
        return s3.listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads().stream()
                .filter(u -> u.key().equals(key)).map(u -> u.uploadId()).toList();
    }
}
