package com.clientalbums.maintenance.store;

import java.io.InputStream;
import java.util.List;

/**
 * The access-log bucket as the log processor uses it: files waiting under a format's folder, each
 * read once and then moved to {@code processed/{key}}, so the next run does not list it again and
 * the originals stay for audit (a lifecycle rule may expire them).
 */
public interface AccessLogStore {
    /** The folder processed files are moved into. */
    String PROCESSED = "processed/";

    /** Files under {@code prefix} (never those under {@link #PROCESSED}). */
    List<StoredObject> logFiles(String prefix);

    /** The file's bytes as stored (gzipped or not); the caller closes the stream. */
    InputStream open(String key);

    /**
     * Moves the file to {@code processed/{key}}: a copy, then the delete. A run stopped between the
     * two leaves the file to be processed again, which changes nothing (served ranges merge as sets).
     */
    void markProcessed(String key);
}
