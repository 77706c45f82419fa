package com.clientalbums.zip.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the photo bytes read through it, over any number of builds: what a continued or
 * incremental build saves is read here (the pipeline's own figures, and tests that hold a build to
 * its read budget).
 */
public final class CountingPhotoSource implements PhotoSource {
    private final PhotoSource photos;
    private final LongAdder read = new LongAdder();

    public CountingPhotoSource(PhotoSource photos) {
        this.photos = photos;
    }

    @Override
    public InputStream open(String key, String etag) throws IOException {
        return counted(photos.open(key, etag));
    }

    @Override
    public InputStream open(String key, String etag, long offset) throws IOException {
        return counted(photos.open(key, etag, offset));
    }

    public long bytesRead() { return read.sum(); }

    private InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) read.increment();
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) read.add(n);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // Skipped bytes are read all the same: a stream cannot leap ahead without fetching.
                long skipped = super.skip(n);
                read.add(skipped);
                return skipped;
            }
        };
    }
}
