package com.clientalbums.zip.build;

import com.clientalbums.zip.layout.ZipLayout;

import java.util.List;

/**
 * Records beside an archive which photo (and ETag) each of its entries was made from
 * ({@code S3Keys.manifestKey}), before its upload completes, so a later rebuild can tell which of
 * its bytes are still right. Port of the build; {@link EarlierArchives} reads what it wrote.
 */
@FunctionalInterface
public interface ManifestWriter {
    void write(String archiveKey, ZipLayout layout, List<String> etags);
}
