package com.clientalbums.zip.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** A photo source that counts every byte read through it, over any number of builds. */
final class CountingPhotos implements PhotoSource {
    private final PhotoSource photos;
    private final AtomicLong read = new AtomicLong();

    CountingPhotos(PhotoSource photos) {
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

    long bytesRead() { return read.get(); }

    private InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) read.incrementAndGet();
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) read.addAndGet(n);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                read.addAndGet(skipped);
                return skipped;
            }
        };
    }
}
