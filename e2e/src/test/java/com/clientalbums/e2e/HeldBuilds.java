package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.zip.pipeline.PhotoSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a test catch an archive "still building": the generator's photo source (the real
 * {@code S3PhotoSource}, decorated) waits while an album is held, then reads each photo with a
 * delay, so a person watching the page sees "Preparing… N of M photos" move. Only archive
 * builds read through this source; previews and everything else run at full speed.
 */
final class HeldBuilds {
    private record Hold(CountDownLatch gate, long perPhotoMillis) {}

    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** From now on, a build of this album waits at its first photo until {@link #release}. */
    void hold(String albumId) {
        holds.put(albumId, new Hold(new CountDownLatch(1), 0));
    }

    /** Lets the held build go on, reading each photo {@code perPhoto} late. */
    void release(String albumId, Duration perPhoto) {
        Hold old = holds.put(albumId, new Hold(new CountDownLatch(0), perPhoto.toMillis()));
        if (old != null) old.gate().countDown();
    }

    /** Back to full speed. */
    void clear(String albumId) {
        Hold old = holds.remove(albumId);
        if (old != null) old.gate().countDown();
    }

    PhotoSource around(PhotoSource real) {
        return (key, etag) -> {
            Hold hold = S3Keys.albumOfPhoto(key).map(holds::get).orElse(null);
            if (hold != null) {
                try {
                    // Bounded, so a test that forgets to release cannot hang the build forever.
                    if (!hold.gate().await(3, TimeUnit.MINUTES)) throw new IOException("held build never released");
                    Hold now = holds.get(S3Keys.albumOfPhoto(key).orElseThrow());
                    if (now != null && now.perPhotoMillis() > 0) Thread.sleep(now.perPhotoMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while held");
                }
            }
            return real.open(key, etag);
        };
    }
}
