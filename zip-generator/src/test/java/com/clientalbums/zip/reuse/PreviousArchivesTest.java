package com.clientalbums.zip.reuse;

import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.zip.layout.CentralDirectory;
import com.clientalbums.zip.layout.ZipLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manifests and central directories of archives in a real S3 (S3Proxy on loopback), read back as
 * an incremental rebuild reads them: ranged GETs of each archive's end, the bytes counted.
 */
class PreviousArchivesTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    /** Its directory fits the 64 KiB read of the archive's end. */
    private static final Stored SMALL = new Stored("zips/a/small.zip", AlbumInMemory.of(5, 30_000));
    /** 1,000 entries: a directory of 67 KB, its start read by a second GET. */
    private static final Stored MANY = new Stored("zips/a/many.zip", AlbumInMemory.of(1000, 1_000));

    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void putArchives() throws IOException {
        s3 = aws.clients().s3();
        bucket = aws.names().bucket();
        SMALL.put();
        MANY.put();
    }

    @Test
    void eachArchivesManifestIsJoinedWithItsDirectoryAndOnlyTheirBytesAreRead() throws IOException {
        PreviousArchives small = PreviousArchives.load(s3, bucket, List.of(SMALL.part()));
        PreviousArchives many = PreviousArchives.load(s3, bucket, List.of(MANY.part()));

        assertEquals(SMALL.expected(), small.entries());
        assertEquals(SMALL.manifestLength() + PreviousArchives.TAIL_LENGTH, small.bytesRead());
        assertEquals(MANY.expected(), many.entries());
        // The archive's end from its directory on: the tail, and the rest of the directory before it.
        assertEquals(MANY.manifestLength() + MANY.layout.totalSize() - MANY.layout.centralDirectoryOffset(), many.bytesRead());
    }

    @Test
    void aManifestWrittenBesideAnArchiveIsReadBack() throws IOException {
        assertEquals(ArchiveManifests.of(MANY.layout, MANY.album.etags(MANY.layout)), ArchiveManifests.read(s3, bucket, MANY.key));
    }

    @Test
    void archivesWithoutAManifestOrWithDamagedBytesOrOfAnotherSizeAreSkippedAndTheOthersRead() throws IOException {
        String noManifest = "zips/a/no-manifest.zip";
        s3.putObject(r -> r.bucket(bucket).key(noManifest), RequestBody.fromBytes(SMALL.bytes));
        String damaged = "zips/a/damaged.zip";
        byte[] noise = new byte[SMALL.bytes.length];
        new Random(3).nextBytes(noise);
        s3.putObject(r -> r.bucket(bucket).key(damaged), RequestBody.fromBytes(noise));
        ArchiveManifests.write(s3, bucket, damaged, SMALL.layout, SMALL.album.etags(SMALL.layout));
        PublishedPart resized = new PublishedPart(MANY.key, MANY.bytes.length + 1L, 1000, 0);

        PreviousArchives loaded = PreviousArchives.load(s3, bucket, List.of(
                new PublishedPart(noManifest, SMALL.bytes.length, 5, 0),
                new PublishedPart(damaged, noise.length, 5, 0),
                resized,
                SMALL.part()));

        assertEquals(SMALL.expected(), loaded.entries());
    }

    @Test
    void aManifestThatDoesNotDescribeTheArchiveIsNotJoinedToIt() throws IOException {
        ArchiveManifest manifest = ArchiveManifests.of(SMALL.layout, SMALL.album.etags(SMALL.layout));
        int tail = Math.min(SMALL.bytes.length, PreviousArchives.TAIL_LENGTH);
        CentralDirectory.Location where = CentralDirectory.locate(
                Arrays.copyOfRange(SMALL.bytes, SMALL.bytes.length - tail, SMALL.bytes.length), SMALL.bytes.length);
        CentralDirectory directory = CentralDirectory.parse(SMALL.bytes, (int) where.offset(), where);
        assertEquals(SMALL.expected(), PreviousArchives.join(SMALL.key, manifest, directory), "the premise: the true manifest joins");

        // A time before 1970 has no Unix time field: the header it makes is 9 bytes shorter than the archive's.
        List<ArchiveManifest.Entry> retimed = new ArrayList<>(manifest.entries());
        ArchiveManifest.Entry first = retimed.getFirst();
        retimed.set(0, new ArchiveManifest.Entry(first.name(), first.sourceKey(), first.etag(), first.size(),
                Instant.parse("1960-01-01T00:00:00Z")));
        ZipException e = assertThrows(ZipException.class, () -> PreviousArchives.join(SMALL.key,
                new ArchiveManifest(manifest.version(), manifest.archiveSize(), retimed), directory));
        assertTrue(e.getMessage().contains("as our records lay them out"), e.getMessage());

        List<ArchiveManifest.Entry> reordered = new ArrayList<>(manifest.entries());
        java.util.Collections.swap(reordered, 1, 2);
        assertThrows(ZipException.class, () -> PreviousArchives.join(SMALL.key,
                new ArchiveManifest(manifest.version(), manifest.archiveSize(), reordered), directory));
    }

    /** An archive built by the real pipeline, put in the bucket with its manifest. */
    private static final class Stored {
        final String key;
        final AlbumInMemory album;
        final ZipLayout layout;
        final byte[] bytes;

        Stored(String key, AlbumInMemory album) {
            this.key = key;
            this.album = album;
            this.layout = album.layout();
            try {
                this.bytes = album.archive(layout);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void put() {
            s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
            ArchiveManifests.write(s3, bucket, key, layout, album.etags(layout));
        }

        PublishedPart part() {
            return new PublishedPart(key, bytes.length, layout.entries().size(), 0);
        }

        long manifestLength() {
            return s3.headObject(r -> r.bucket(bucket).key(S3Keys.manifestKey(key))).contentLength();
        }

        List<PreviousEntry> expected() {
            List<String> etags = album.etags(layout);
            List<PreviousEntry> entries = new ArrayList<>();
            for (int i = 0; i < etags.size(); i++) {
                ZipLayout.Entry e = layout.entries().get(i);
                entries.add(new PreviousEntry(key, e.name(), e.source().key(), etags.get(i), e.size(), e.headerOffset(),
                        album.crc32(e.source().key()), e.source().lastModified()));
            }
            return entries;
        }
    }
}
