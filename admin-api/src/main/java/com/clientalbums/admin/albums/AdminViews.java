package com.clientalbums.admin.albums;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.http.ArchiveNames;
import com.clientalbums.common.http.ProgressView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/** The JSON shapes of the studio's album routes (snake_case on the wire). */
public final class AdminViews {
    private AdminViews() {}

    /**
     * One album and its archive, as the studio's table shows it.
     *
     * @param zipStatus {@code none | pending | generating | ready | error}
     * @param stale     an archive exists but the photos changed since it was built
     * @param zipSize   the published archive's size (its parts' summed), null when there is none
     * @param parts     the published archive's parts in order (one when it is not cut); empty when there is none
     * @param progress  the build's, with each part's ({@code progress.parts}) once a build in parts is planned
     * @param webParts  the published web-size archive's parts, named as clients download them; empty when there is none
     * @param expiresAt when the gallery expires (null: never); {@code expired} once it has
     * @param watermark the album's watermark, in the shape {@code PATCH /admin/albums/{album_id}} takes; null for none
     * @param webOtherFiles whether videos and PDFs go into the web size: {@code include | omit}
     * @param selectionLimit the most photos one person may choose; null for no limit
     * @param selectionDue   the day selections are due ({@code YYYY-MM-DD}); null for none
     */
    public record AlbumRow(String albumId, String name, long photoCount, Instant createdAt, String zipStatus, boolean stale,
                           Long zipSize, List<Part> parts, String zipError, Instant zipGeneratedAt, ProgressView progress,
                           List<Part> webParts, Instant expiresAt, boolean expired, WatermarkView watermark, String webOtherFiles,
                           Integer selectionLimit, String selectionDue) {

        public static AlbumRow of(Album a, Instant now) {
            return new AlbumRow(a.albumId(), a.name(), a.photoCount(), a.createdAt(), status(a), a.archiveStale(),
                    a.zipKey() == null ? null : a.zipSize(), Part.of(a, PhotoSize.ORIGINAL), a.zipError(), a.zipGeneratedAt(),
                    ProgressView.of(a, now), Part.of(a, PhotoSize.WEB), a.expiresAt(), a.expired(now), WatermarkView.of(a.watermark()),
                    a.webOtherFiles().value(), a.proofing().limit(), day(a.proofing().due()));
        }
    }

    /** A day on the wire: {@code YYYY-MM-DD}, as {@code PATCH} takes it; null stays null. */
    public static String day(LocalDate day) {
        return day == null ? null : day.toString();
    }

    /** One published archive part: the file a client downloads, its size and the photos it holds. */
    public record Part(String name, long size, long fileCount) {
        static List<Part> of(Album a, PhotoSize size) {
            List<PublishedPart> published = a.publishedParts(size);
            return IntStream.range(0, published.size()).mapToObj(i -> new Part(ArchiveNames.part(a, size, i, published.size()),
                    published.get(i).size(), published.get(i).fileCount())).toList();
        }
    }

    /** An album's watermark on the wire: {@code size} and {@code opacity} in percent. */
    public record WatermarkView(String kind, String text, String logoKey, String position, int size, int opacity, boolean onPreviews) {
        static WatermarkView of(Watermark w) {
            return w == null ? null : new WatermarkView(w.kind().value(), w.text(), w.logoKey(), w.position().value(),
                    w.sizePercent(), w.opacityPercent(), w.onPreviews());
        }
    }

    public record AlbumList(List<AlbumRow> albums) {}

    /**
     * {@code GET /admin/albums/{album_id}/zip}: the album's row plus its build history — and, so
     * the studio can reuse the client's download panel, {@code status}, {@code message} and
     * {@code file_count} in the download response's words.
     */
    public record Archive(String albumId, String name, long photoCount, Instant createdAt, String zipStatus, boolean stale,
                          Long zipSize, List<Part> parts, String zipError, Instant zipGeneratedAt, ProgressView progress,
                          List<Part> webParts, Instant expiresAt, boolean expired, WatermarkView watermark, String webOtherFiles,
                          Integer selectionLimit, String selectionDue, String status, String message, long fileCount,
                          List<Build> builds) {

        public static Archive of(Album a, Instant now) {
            AlbumRow row = AlbumRow.of(a, now);
            List<Build> builds = a.builds().stream().map(Build::of).toList();
            return new Archive(row.albumId(), row.name(), row.photoCount(), row.createdAt(), row.zipStatus(), row.stale(),
                    row.zipSize(), row.parts(), row.zipError(), row.zipGeneratedAt(), row.progress(), row.webParts(), row.expiresAt(),
                    row.expired(), row.watermark(), row.webOtherFiles(), row.selectionLimit(), row.selectionDue(),
                    row.zipStatus(), describe(a),
                    a.zipStatus() == ZipStatus.READY ? a.zipFileCount() : a.photoCount(), builds);
        }
    }

    /** One line of the build history. */
    public record Build(Instant requestedAt, Instant startedAt, Instant finishedAt, String outcome,
                        long files, long bytes, double seconds, String source) {
        static Build of(BuildRecord b) {
            return new Build(b.requestedAt(), b.startedAt(), b.finishedAt(), b.outcome(), b.files(), b.bytes(), b.seconds(), b.source());
        }
    }

    static String status(Album a) {
        return a.zipStatus() == ZipStatus.NOT_STARTED ? "none" : a.zipStatus().value();
    }

    private static String describe(Album a) {
        return switch (a.zipStatus()) {
            case READY -> a.archiveStale() ? "The photos changed since this archive was built." : "The archive is ready.";
            case PENDING -> "A build is queued" + (a.requestSource() == null ? "." : " (" + a.requestSource() + ").");
            case GENERATING -> "The archive is being built.";
            case ERROR -> a.zipError() == null ? "The last build failed." : a.zipError();
            case NOT_STARTED -> "No archive has been requested yet.";
        };
    }
}
