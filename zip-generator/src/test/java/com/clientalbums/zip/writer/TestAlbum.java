package com.clientalbums.zip.writer;

import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** An album listing whose photos are {@link SyntheticContent}; CRCs are computed once and remembered. */
final class TestAlbum {

    static final String PREFIX = "albums/wedding-2024/photos/";
    private static final Instant FIRST_SHOT = Instant.parse("2024-06-15T14:30:07Z");

    private final List<SourceFile> files = new ArrayList<>();
    private final Map<String, Integer> crc32s = new ConcurrentHashMap<>();

    TestAlbum add(String relativePath, long size) {
        return add(relativePath, size, FIRST_SHOT.plusSeconds(61L * files.size()));
    }

    TestAlbum add(String relativePath, long size, Instant lastModified) {
        files.add(new SourceFile(PREFIX + relativePath, relativePath, size, lastModified));
        return this;
    }

    /** The same files, listed in another order. */
    TestAlbum shuffled(long seed) {
        TestAlbum copy = new TestAlbum();
        copy.files.addAll(files);
        Collections.shuffle(copy.files, new Random(seed));
        return copy;
    }

    List<SourceFile> files() {
        return List.copyOf(files);
    }

    int crc32(SourceFile file) {
        return crc32s.computeIfAbsent(file.key(), key -> SyntheticContent.crc32(key, file.size()));
    }

    InputStream content(SourceFile file) {
        return new SyntheticContent(file.key(), file.size());
    }

    EntryContent.Data open(ZipLayout.Entry entry) {
        return new EntryContent.Data(crc32(entry.source()), content(entry.source()));
    }
}
