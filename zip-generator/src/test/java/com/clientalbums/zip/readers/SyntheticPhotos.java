package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.pipeline.ContentChangedException;
import com.clientalbums.zip.pipeline.PhotoSource;

import java.io.InputStream;

/**
 * A test album's photos as the pipeline reads them from a bucket: content generated as it is read, and,
 * as S3's If-Match does, only for the ETag the listing gave.
 */
record SyntheticPhotos(TestAlbum album) implements PhotoSource {

    @Override
    public InputStream open(String key, String etag) throws ContentChangedException {
        SourceFile file = album.file(key);
        if (file == null) {
            throw new ContentChangedException(key + " was deleted");
        }
        if (!album.etag(file).equals(etag)) {
            throw new ContentChangedException(key + " was replaced");
        }
        return album.content(file);
    }
}
