package com.clientalbums.zip.reuse;

import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchiveJob;

import java.util.List;

/**
 * Plans an incremental rebuild: which runs of a new archive's entries are byte for byte in an
 * earlier archive (same photo and ETag, same name, same local header) and can be copied by S3,
 * and which must be written.
 *
 * <p>STUB (issue 13 foundation): reuses nothing.
 */
public final class ReusePlanner {
    private ReusePlanner() {}

    public static ArchiveJob plan(String key, ZipLayout layout, List<String> etags, List<PreviousEntry> previous,
                                  int partSize) {
        return ArchiveJob.full(key, layout, etags, partSize);
    }
}
