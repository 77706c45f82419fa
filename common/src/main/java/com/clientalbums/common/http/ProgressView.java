package com.clientalbums.common.http;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.Progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far an album's archive build has come, as both APIs show it, with an estimate of the time
 * left: the bytes still to go at the rate measured since the build started
 * ({@code zip_generation_started_at}). The estimate is null until there is something to measure.
 * A build in parts also shows each part ({@code parts}); the totals are their sums.
 *
 * @param parts each part of the build under way, in order; empty until the build has planned its
 *              parts (and for a build of the one progress the heartbeat writes)
 */
public record ProgressView(long filesDone, long filesTotal, long bytesDone, long bytesTotal, Long etaSeconds,
                           List<PartProgress> parts) {

    /**
     * One part of a build under way.
     *
     * @param name     the file it downloads as ({@link ArchiveNames})
     * @param size     its archive's size in bytes, known from the plan before a byte is written
     * @param fileCount photos it holds
     * @param bytesTotal its photos' bytes, what {@code bytesDone} counts towards (the archive adds its headers)
     * @param ready    built: its photos and bytes are all done
     */
    public record PartProgress(String name, long size, long fileCount, long filesDone, long bytesDone, long bytesTotal,
                               boolean ready) {}

    public ProgressView {
        parts = List.copyOf(parts);
    }

    /** Nothing done yet of {@code filesTotal} photos (a build requested, not started). */
    public static ProgressView notStarted(long filesTotal) {
        return new ProgressView(0, filesTotal, 0, 0, null, List.of());
    }

    /** Progress of the album's build, listing its original parts: {@link #of(Album, PhotoSize, Instant)}. */
    public static ProgressView of(Album album, Instant now) {
        return of(album, PhotoSize.ORIGINAL, now);
    }

    /**
     * Progress of the album's build: null when none is requested or under way (and no archive is
     * ready). The totals are the whole build's (both sizes are made by one build and ready
     * together, {@link Album#buildProgress()}); {@code parts} lists the parts of {@code size}, the
     * archive the caller asked for, under the names they download as.
     */
    public static ProgressView of(Album album, PhotoSize size, Instant now) {
        return switch (album.zipStatus()) {
            // A pending build has done nothing yet; the record may still hold the last build's figures.
            case PENDING -> notStarted(album.photoCount());
            case GENERATING -> generating(album, size, now);
            case READY -> {
                Progress p = album.buildProgress();
                long files = album.zipFileCount() > 0 ? album.zipFileCount() : p.filesTotal();
                yield new ProgressView(files, files, p.bytesTotal(), p.bytesTotal(), 0L, List.of());
            }
            default -> null;
        };
    }

    private static ProgressView generating(Album album, PhotoSize size, Instant now) {
        Progress p = album.buildProgress();
        long filesTotal = p.filesTotal() > 0 ? p.filesTotal() : album.photoCount();
        return new ProgressView(p.filesDone(), filesTotal, p.bytesDone(), p.bytesTotal(),
                eta(p, filesTotal, album.zipGenerationStartedAt(), now), parts(album, size));
    }

    /** The plan's parts of one size; a part marked done counts in full, whatever its last heartbeat said. */
    private static List<PartProgress> parts(Album album, PhotoSize size) {
        List<PartTask> tasks = album.buildParts().stream().filter(t -> t.photoSize() == size).toList();
        List<PartProgress> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            PartTask t = tasks.get(i);
            Progress q = t.progress();
            boolean done = t.state() == PartTask.State.DONE;
            out.add(new PartProgress(ArchiveNames.part(album, size, i, tasks.size()), t.size(), q.filesTotal(),
                    done ? q.filesTotal() : q.filesDone(), done ? q.bytesTotal() : q.bytesDone(), q.bytesTotal(), done));
        }
        return out;
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
