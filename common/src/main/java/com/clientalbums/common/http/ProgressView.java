package com.clientalbums.common.http;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.Progress;

import java.time.Duration;
import java.time.Instant;

/**
 * How far an album's archive build has come, as both APIs show it, with an estimate of the time
 * left: the bytes still to go at the rate measured since the build started
 * ({@code zip_generation_started_at}). The estimate is null until there is something to measure.
 */
public record ProgressView(long filesDone, long filesTotal, long bytesDone, long bytesTotal, Long etaSeconds) {

    /** Progress of the album's build: null when none is requested or under way (and no archive is ready). */
    public static ProgressView of(Album album, Instant now) {
        return switch (album.zipStatus()) {
            // A pending build has done nothing yet; the record may still hold the last build's figures.
            case PENDING -> new ProgressView(0, album.photoCount(), 0, 0, null);
            case GENERATING -> generating(album, now);
            case READY -> {
                Progress p = album.buildProgress();
                long files = album.zipFileCount() > 0 ? album.zipFileCount() : p.filesTotal();
                yield new ProgressView(files, files, p.bytesTotal(), p.bytesTotal(), 0L);
            }
            default -> null;
        };
    }

    private static ProgressView generating(Album album, Instant now) {
        Progress p = album.buildProgress();
        long filesTotal = p.filesTotal() > 0 ? p.filesTotal() : album.photoCount();
        return new ProgressView(p.filesDone(), filesTotal, p.bytesDone(), p.bytesTotal(),
                eta(p, filesTotal, album.zipGenerationStartedAt(), now));
    }

    static Long eta(Progress p, long filesTotal, Instant startedAt, Instant now) {
        if (startedAt == null) return null;
        long elapsedMs = Duration.between(startedAt, now).toMillis();
        if (elapsedMs < 1_000) return null;
        // Bytes are the honest measure (one big photo takes longer than ten small ones); files when bytes are unknown.
        long done = p.bytesTotal() > 0 ? p.bytesDone() : p.filesDone();
        long total = p.bytesTotal() > 0 ? p.bytesTotal() : filesTotal;
        if (done <= 0 || total <= 0) return null;
        if (done >= total) return 0L;
        double perMs = (double) done / elapsedMs;
        return (long) Math.ceil((total - done) / perMs / 1_000.0);
    }
}
