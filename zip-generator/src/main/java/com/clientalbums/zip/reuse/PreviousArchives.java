package com.clientalbums.zip.reuse;

import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.zip.layout.CentralDirectory;
import com.clientalbums.zip.layout.LocalHeaders;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * What an album's published archives hold, entry by entry, for an incremental rebuild to copy from:
 * each archive's manifest (which photo and ETag each entry is) joined by entry name with its central
 * directory (where each entry lies and its CRC-32).
 *
 * <p>Reading one costs its manifest and the end of the archive: one ranged GET of the last
 * {@value #TAIL_LENGTH} bytes, which hold the end records and, for up to several hundred photos, the whole
 * directory; the rest of a larger directory is a second ranged GET. Those bytes, counted in
 * {@link #bytesRead()}, are all a rebuild moves for the entries it copies.
 *
 * <p>An archive whose manifest or directory is missing, unreadable or inconsistent is skipped and
 * logged, never fatal: the rebuild then copies less and reads more photos, and its result is the
 * same.
 *
 * @param entries   every entry of every archive read, archive by archive in archive order
 * @param bytesRead bytes fetched from S3 to learn them
 */
public record PreviousArchives(List<PreviousEntry> entries, long bytesRead) {
    private static final Logger LOG = System.getLogger(PreviousArchives.class.getName());

    static final int TAIL_LENGTH = 64 * 1024;
    /** A directory this large would hold hundreds of thousands of entries: not an archive of ours. */
    private static final long MAX_DIRECTORY_LENGTH = 64L * 1024 * 1024;

    public PreviousArchives {
        entries = List.copyOf(entries);
    }

    /** Reads the archives of {@code parts} (an album's {@code publishedParts()}) from {@code bucket}. */
    public static PreviousArchives load(S3Client s3, String bucket, List<PublishedPart> parts) {
        CountingReads reads = new CountingReads(s3, bucket);
        List<PreviousEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PublishedPart part : parts) {
            if (!seen.add(part.key())) continue;
            try {
                entries.addAll(read(reads, part));
            } catch (IOException | SdkException e) {
                LOG.log(Level.WARNING, "earlier archive {0} not reused: {1}", part.key(), e.toString());
            }
        }
        return new PreviousArchives(entries, reads.bytes);
    }

    private static List<PreviousEntry> read(CountingReads reads, PublishedPart part) throws IOException {
        ArchiveManifest manifest = ArchiveManifests.decode(reads.whole(S3Keys.manifestKey(part.key())));
        if (manifest.archiveSize() != part.size()) {
            throw new IOException("manifest is of an archive of " + manifest.archiveSize() + " bytes, the album's is " + part.size());
        }
        long size = part.size();
        if (size <= 0) throw new ZipException("the album record gives the archive " + size + " bytes");
        int tailLength = (int) Math.min(size, TAIL_LENGTH);
        byte[] tail = reads.range(part.key(), size - tailLength, tailLength, size);
        CentralDirectory.Location where = CentralDirectory.locate(tail, size);
        if (where.length() > MAX_DIRECTORY_LENGTH) throw new ZipException("central directory of " + where.length() + " bytes");
        long tailStart = size - tailLength;
        if (where.offset() >= tailStart) {
            return join(part.key(), manifest, CentralDirectory.parse(tail, (int) (where.offset() - tailStart), where));
        }
        // Only the part of the directory the tail does not hold.
        byte[] head = reads.range(part.key(), where.offset(), (int) (tailStart - where.offset()), size);
        byte[] directory = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, directory, head.length, tail.length);
        return join(part.key(), manifest, CentralDirectory.parse(directory, 0, where));
    }

    /**
     * The entries of the archive at {@code archiveKey}: its manifest's, each with the offset and CRC-32
     * its directory gives under the same name. Both must list the same names with the same sizes, and
     * the entries must lie where our records put them, in manifest order.
     */
    public static List<PreviousEntry> join(String archiveKey, ArchiveManifest manifest, CentralDirectory directory)
            throws ZipException {
        if (manifest.entries().size() != directory.entries().size()) {
            throw new ZipException("manifest lists " + manifest.entries().size() + " entries, the archive holds "
                    + directory.entries().size());
        }
        Map<String, CentralDirectory.Entry> byName = new HashMap<>();
        directory.entries().forEach(e -> byName.put(e.name(), e));
        List<PreviousEntry> entries = new ArrayList<>(manifest.entries().size());
        long next = 0;
        for (ArchiveManifest.Entry m : manifest.entries()) {
            CentralDirectory.Entry d = byName.get(m.name());
            if (d == null) throw new ZipException("manifest entry " + m.name() + " is not in the archive");
            if (d.size() != m.size()) {
                throw new ZipException("entry " + m.name() + " is " + d.size() + " bytes in the archive, " + m.size() + " in its manifest");
            }
            // Entries lie back to back, each behind the header our records make of its manifest line: were
            // the archive written by other records (or the manifest of another archive), its headers could
            // not be rebuilt, and copying them would put them where the new directory does not expect them.
            if (d.headerOffset() != next) {
                throw new ZipException("entry " + m.name() + " starts at " + d.headerOffset() + "; after the entries before it,"
                        + " as our records lay them out, it would start at " + next);
            }
            next += LocalHeaders.of(m.sourceKey(), m.name(), m.size(), m.lastModified(), d.headerOffset(), d.crc32()).length + m.size();
            entries.add(new PreviousEntry(archiveKey, m.name(), m.sourceKey(), m.etag(), m.size(), d.headerOffset(),
                    d.crc32(), m.lastModified()));
        }
        return entries;
    }

    /** S3 reads of one load, with the bytes they returned added up. */
    private static final class CountingReads {
        private final S3Client s3;
        private final String bucket;
        private long bytes;

        CountingReads(S3Client s3, String bucket) {
            this.s3 = s3;
            this.bucket = bucket;
        }

        byte[] whole(String key) {
            return counted(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        }

        /** {@code length} bytes at {@code offset} of an object that must be {@code objectSize} bytes long. */
        byte[] range(String key, long offset, int length, long objectSize) throws IOException {
            var response = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
            byte[] body = counted(response.asByteArray());
            String range = response.response().contentRange();
            String expected = "bytes " + offset + "-" + (offset + length - 1) + "/" + objectSize;
            if (body.length != length || !expected.equals(range)) {
                throw new IOException(key + ": asked for " + expected + ", got " + body.length + " bytes (" + range + ")");
            }
            return body;
        }

        private byte[] counted(byte[] body) {
            bytes += body.length;
            return body;
        }
    }
}
