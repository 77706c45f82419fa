package com.clientalbums.zip.writer;

import com.clientalbums.zip.layout.ZipLayout;

import java.io.IOException;
import java.io.InputStream;

/** Supplies an entry's content and its CRC-32, which must be known before the content is written. */
@FunctionalInterface
public interface EntryContent {

    /** Called once per entry, in archive order; the writer closes the returned stream. */
    Data open(ZipLayout.Entry entry) throws IOException;

    /** @param crc32 the CRC-32 of exactly the bytes {@code stream} will deliver */
    record Data(int crc32, InputStream stream) {
    }
}
