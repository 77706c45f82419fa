package com.clientalbums.zip.reuse;

import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.ArchiveTarget;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.ContentChangedException;
import com.clientalbums.zip.pipeline.PartBytes;
import com.clientalbums.zip.pipeline.PipelineConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.CRC32;

/**
 * An album whose photos are bytes in memory, each with an ETag that changes with its content as
 * S3's does, archived by the production {@link ArchivePipeline} into a byte array. A change (add,
 * replace, delete, rename, a new time) is made on a copy, so the album before and after can both
 * be archived.
 */
final class AlbumInMemory {
    static final String PREFIX = "albums/a/photos/";
    private static final Instant SHOT = Instant.parse("2024-06-15T14:30:08Z");
    private static final int MIB = 1 << 20;
    /** Parts of S3's smallest size and a small budget, as in the pipeline's own tests. */
    private static final PipelineConfig CONFIG = new PipelineConfig(4, PipelineConfig.MIN_PART_SIZE, 2, 24L * MIB);

    record Photo(byte[] bytes, String etag, Instant lastModified) {}

    private final SortedMap<String, Photo> photos;
    private int generation;

    private AlbumInMemory(SortedMap<String, Photo> photos, int generation) {
        this.photos = photos;
        this.generation = generation;
    }

    /** {@code count} photos {@code IMG_0000.jpg}… of {@code minSize} to twice that, a minute apart. */
    static AlbumInMemory of(int count, int minSize) {
        AlbumInMemory album = new AlbumInMemory(new TreeMap<>(), 0);
        for (int i = 0; i < count; i++) {
            album.put(String.format("IMG_%04d.jpg", i), minSize + (int) (Math.abs((long) i * 7919) % minSize),
                    SHOT.plusSeconds(60L * i));
        }
        return album;
    }

    AlbumInMemory copy() {
        return new AlbumInMemory(new TreeMap<>(photos), generation);
    }

    /** The photos whose path {@code keep} accepts, as a part of the album holds them. */
    AlbumInMemory only(java.util.function.Predicate<String> keep) {
        SortedMap<String, Photo> kept = new TreeMap<>(photos);
        kept.keySet().removeIf(keep.negate());
        return new AlbumInMemory(kept, generation);
    }

    /** A new photo, or new content for an existing one (a new ETag). */
    AlbumInMemory put(String path, int size, Instant lastModified) {
        byte[] bytes = new byte[size];
        long seed = (PREFIX + path).hashCode() * 31L + generation++;
        new java.util.SplittableRandom(seed).nextBytes(bytes);
        photos.put(path, new Photo(bytes, etagOf(bytes), lastModified));
        return this;
    }

    AlbumInMemory replace(String path) {
        Photo old = photos.get(path);
        return put(path, old.bytes().length, old.lastModified());
    }

    AlbumInMemory delete(String path) {
        if (photos.remove(path) == null) throw new IllegalArgumentException(path);
        return this;
    }

    /** The same bytes under another name: another object, though S3 gives it the same ETag. */
    AlbumInMemory rename(String path, String to) {
        photos.put(to, photos.remove(path));
        return this;
    }

    /** The same bytes uploaded again: the same ETag, another time. */
    AlbumInMemory retime(String path, Instant lastModified) {
        Photo old = photos.get(path);
        photos.put(path, new Photo(old.bytes(), old.etag(), lastModified));
        return this;
    }

    ZipLayout layout() {
        List<SourceFile> files = photos.entrySet().stream()
                .map(e -> new SourceFile(PREFIX + e.getKey(), e.getKey(), e.getValue().bytes().length, e.getValue().lastModified()))
                .toList();
        return LayoutPlanner.plan(files);
    }

    List<String> etags(ZipLayout layout) {
        return layout.entries().stream().map(e -> photo(e.source().key()).etag()).toList();
    }

    Photo photo(String key) {
        return photos.get(key.substring(PREFIX.length()));
    }

    int crc32(String key) {
        CRC32 crc = new CRC32();
        crc.update(photo(key).bytes());
        return (int) crc.getValue();
    }

    /** The archive a full build writes. */
    byte[] archive(ZipLayout layout) throws IOException {
        ArchiveInMemory target = new ArchiveInMemory();
        new ArchivePipeline((key, etag) -> {
            Photo photo = photo(key);
            if (photo == null || !photo.etag().equals(etag)) throw new ContentChangedException(key);
            return new ByteArrayInputStream(photo.bytes());
        }, target, CONFIG).build(layout, etags(layout), "zips/a/new.zip", new BuildMonitor(layout.entries().size(), layout.totalSize()));
        return target.bytes;
    }

    private static String etagOf(byte[] bytes) {
        return "\"" + Integer.toHexString(Arrays.hashCode(bytes)) + "-" + bytes.length + "\"";
    }

    /** A multipart upload into memory, the archive appearing on complete. */
    private static final class ArchiveInMemory implements ArchiveTarget {
        byte[] bytes;

        @Override
        public Upload start(String key) {
            SortedMap<Integer, byte[]> parts = new ConcurrentSkipListMap<>();
            return new Upload() {
                @Override
                public String id() {
                    return "in-memory " + key;
                }

                @Override
                public void uploadPart(int partNumber, PartBytes part) {
                    try (var in = part.stream()) {
                        parts.put(partNumber, in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void copyPart(int partNumber, String sourceKey, long sourceOffset, long length) {
                    throw new UnsupportedOperationException("this target takes only full builds");
                }

                @Override
                public void complete() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    parts.values().forEach(out::writeBytes);
                    bytes = out.toByteArray();
                }

                @Override
                public void abort() {
                    parts.clear();
                }
            };
        }
    }
}
