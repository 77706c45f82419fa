package com.clientalbums.zip.pipeline;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Where a build reads photos from. */
public interface PhotoSource {
    /**
     * Opens a photo for reading. Fails with {@link ContentChangedException} when the object is
     * gone or no longer the one that was listed (another ETag): the album changed under the build.
     */
    InputStream open(String key, String etag) throws IOException;

    /**
     * Opens a photo from byte {@code offset} on: a build continued mid-photo needs only the rest.
     * This default reads the bytes before {@code offset} and drops them; a store that serves byte
     * ranges asks for the rest alone.
     */
    default InputStream open(String key, String etag, long offset) throws IOException {
        InputStream in = open(key, etag);
        try {
            in.skipNBytes(offset);
        } catch (EOFException e) {
            in.close();
            throw new ContentChangedException(key + " is shorter than listed");
        }
        return in;
    }
}
