package com.clientalbums.zip.pipeline;

import java.io.IOException;
import java.io.InputStream;

/** Where a build reads photos from. */
public interface PhotoSource {
    /**
     * Opens a photo for reading. Fails with {@link ContentChangedException} when the object is
     * gone or no longer the one that was listed (another ETag): the album changed under the build.
     */
    InputStream open(String key, String etag) throws IOException;
}
