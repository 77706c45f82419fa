package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.PhotoSource;
import com.clientalbums.zip.pipeline.PipelineConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An album archived by the production {@link ArchivePipeline} into a file, with what every reader is
 * expected to find in it.
 */
record BuiltArchive(Path file, ZipLayout layout, TestAlbum album) {

    private static final int MIB = 1 << 20;
    /**
     * Parts of S3's smallest size and a small budget, as in the pipeline's own tests: an archive over 5 MiB
     * (70,000 entries, the 4 GiB cases) spans parts that upload two at a time, and a photo over the 9 MiB
     * left for photos is not held but read twice (once for its CRC-32, once to copy), the path of every
     * large photo in the 4 GiB cases.
     */
    static final PipelineConfig CONFIG = new PipelineConfig(4, PipelineConfig.MIN_PART_SIZE, 2, 24L * MIB);

    /** Plans first, so an album that cannot be archived leaves no file behind, as in a real build. */
    static BuiltArchive build(TestAlbum album, Path directory, String name) throws IOException {
        return build(album, new SyntheticPhotos(album), directory, name);
    }

    /** The same, reading the photos from {@code photos} (which may break the album's promises). */
    static BuiltArchive build(TestAlbum album, PhotoSource photos, Path directory, String name) throws IOException {
        ZipLayout layout = LayoutPlanner.plan(album.files());
        FileArchiveTarget bucket = new FileArchiveTarget(directory, CONFIG.partSizeBytes());
        List<String> etags = layout.entries().stream().map(entry -> album.etag(entry.source())).toList();
        ArchivePipeline.Result result = new ArchivePipeline(photos, bucket, CONFIG)
                .build(layout, etags, name, new BuildMonitor(layout.entries().size(), layout.totalSize()));
        assertEquals(layout.totalSize(), result.archiveSize(), "archive size the pipeline reports");
        return new BuiltArchive(bucket.file(name), layout, album);
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
