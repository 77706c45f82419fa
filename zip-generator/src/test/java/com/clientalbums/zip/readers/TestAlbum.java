package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.SourceFile;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An album listing whose photos are {@link SyntheticContent}, with the ETag each was listed with;
 * CRCs are computed once, independently of the pipeline, and remembered.
 */
final class TestAlbum {

    static final String PREFIX = "albums/wedding-2024/photos/";
    private static final Instant FIRST_SHOT = Instant.parse("2024-06-15T14:30:07Z");

    private final List<SourceFile> files = new ArrayList<>();
    private final Map<String, SourceFile> byKey = new HashMap<>();
    private final Map<String, Integer> crc32s = new ConcurrentHashMap<>();

    TestAlbum add(String relativePath, long size) {
        return add(relativePath, size, FIRST_SHOT.plusSeconds(61L * files.size()));
    }

    TestAlbum add(String relativePath, long size, Instant lastModified) {
        return add(new SourceFile(PREFIX + relativePath, relativePath, size, lastModified));
    }

    /** A file stored elsewhere than under the album's photos: a web-size rendition, say. */
    TestAlbum add(SourceFile file) {
        files.add(file);
        byKey.put(file.key(), file);
        return this;
    }

    /** The same files, listed in another order. */
    TestAlbum shuffled(long seed) {
        TestAlbum copy = new TestAlbum();
        List<SourceFile> order = new ArrayList<>(files);
        Collections.shuffle(order, new Random(seed));
        order.forEach(file -> copy.add(file.relativePath(), file.size(), file.lastModified()));
        return copy;
    }

    List<SourceFile> files() {
        return List.copyOf(files);
    }

    /** The listed file with this storage key, or null. */
    SourceFile file(String key) {
        return byKey.get(key);
    }

    /** What the listing said the object's ETag was; derived from what makes its content. */
    String etag(SourceFile file) {
        return String.format("\"%08x-%d\"", file.key().hashCode(), file.size());
    }

    int crc32(SourceFile file) {
        return crc32s.computeIfAbsent(file.key(), key -> SyntheticContent.crc32(key, file.size()));
    }

    InputStream content(SourceFile file) {
        return new SyntheticContent(file.key(), file.size());
    }
}
