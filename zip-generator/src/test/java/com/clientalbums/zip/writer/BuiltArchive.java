package com.clientalbums.zip.writer;

import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.ZipLayout;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/** An album planned and written to a file, with what every reader is expected to find in it. */
record BuiltArchive(Path file, ZipLayout layout, TestAlbum album) {

    /** Plans first, so an album that cannot be archived leaves no file behind. */
    static BuiltArchive write(TestAlbum album, Path file) throws IOException {
        ZipLayout layout = LayoutPlanner.plan(album.files());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ZipStreamWriter.write(layout, out, album::open);
        }
        return new BuiltArchive(file, layout, album);
    }

    List<String> names() {
        return layout.entries().stream().map(ZipLayout.Entry::name).toList();
    }

    InputStream content(ZipLayout.Entry entry) {
        return album.content(entry.source());
    }

    /** Every entry's content back to back, in archive order: what {@code unzip -p} and the like print. */
    InputStream allContent() {
        return new SequenceInputStream(Collections.enumeration(
                layout.entries().stream().map(this::content).toList()));
    }
}
