package com.clientalbums.client.download;

import com.clientalbums.client.deliveries.Deliveries;
import com.clientalbums.client.deliveries.Requester;
import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.http.ArchiveNames;
import com.clientalbums.common.http.ContentDisposition;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.http.ProgressView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Download All's answer for one archive record, whichever table holds it: an album's, or a
 * favourites archive's ({@code docs/favourites.md}), which the one engine builds, publishes and
 * reports alike. The record is the state of record ({@code docs/archive-lifecycle.md}): an archive
 * it calls ready and current is handed out as a link signed now once S3 confirms it
 * ({@link ArchiveCheck}: the photos listed afresh, the object there), recorded as a delivery to the
 * caller first ({@link Deliveries}); anything else answers with
 * the state and progress, and asks for a build when the record says none is under way
 * ({@link BuildRequests}: any number of simultaneous clicks make one request and one wake-up; a
 * wake-up that fails leaves the record {@code pending} for a later click or maintenance). Clicks
 * and polls during a build only read. Nothing waits on the message.
 *
 * <p>One build makes both sizes and publishes them in one write, and the record's fingerprint covers
 * the web-size recipe, so the state machine is the same for either size: only the ready answer
 * differs (which parts, under which names). The caller's permission for the size is checked before
 * (403: {@link com.clientalbums.common.access.Viewing#requireDownload}).
 */
final class ArchiveAnswers {
    /**
     * How long a failed build shows as {@code error} before a download request retries it. The
     * page that was polling sees the error (it polls at least every 10 s) and stops, showing the
     * message and its button; a later click then retries, while a page left open does not loop
     * through failing builds forever.
     */
    static final Duration ERROR_SHOWN_FOR = Duration.ofSeconds(15);

    private final AlbumRepository records;
    private final BuildRequests builds;
    private final AlbumAccess access;
    private final DeliveredKind kind;
    private final Deliveries deliveries;
    private final ArchiveCheck archives;
    private final Duration zipUrlExpiry;
    private final Clock clock;

    /**
     * @param table the table of the records answered for, and the build requests over it
     * @param kind  what its archives are delivered as: the album's, or favourites
     */
    ArchiveAnswers(ArchiveRecords table, DeliveredKind kind, AlbumAccess access, Deliveries deliveries, ArchiveCheck archives,
                   Duration zipUrlExpiry, Clock clock) {
        this.records = table.records();
        this.builds = table.builds();
        this.access = access;
        this.kind = kind;
        this.deliveries = deliveries;
        this.archives = archives;
        this.zipUrlExpiry = zipUrlExpiry;
        this.clock = clock;
    }

    /** The answer to {@code to} for {@code album}'s archives of {@code size}, as just read (consistently) from its table. */
    DownloadResponse answer(Caller caller, Requester to, Album album, PhotoSize size) {
        Answer answer = new Answer(caller, to, size);
        return album.archiveCurrent() ? checked(answer, album) : requested(answer, album);
    }

    /** Who is answered, for which size: what a ready answer needs beyond the album. */
    private record Answer(Caller caller, Requester to, PhotoSize size) {}

    /**
     * The record says ready and current; S3 has the last word. A link is signed only for an archive
     * of the photos as they are at this moment whose object exists. A change not yet recorded (its
     * S3 event is still on its way) is recorded here, which makes the archive stale and any build
     * under way unpublishable, and a build is requested at once; a missing object is rebuilt.
     * Either way the answer is the state that follows, with its progress.
     */
    private DownloadResponse checked(Answer answer, Album album) {
        String albumId = album.albumId();
        switch (archives.check(album)) {
            case ArchiveCheck.Current current -> {
                return ready(answer, album);
            }
            case ArchiveCheck.Changed changed -> {
                // False when another click or the photo event recorded it first; the request decides who sends.
                records.recordContent(albumId, changed.fingerprint(), changed.photoCount());
                if (builds.request(albumId, RequestSource.API)) return pending(answer, latest(albumId), null);
            }
            case ArchiveCheck.Missing missing -> {
                if (builds.rebuild(albumId, RequestSource.API)) return pending(answer, latest(albumId), null);
            }
        }
        // Another click's request is under way, or a build was published meanwhile: this answer does
        // not check that one too, the next poll (a few seconds on) finds it and checks it.
        Album latest = latest(albumId);
        return latest.archiveCurrent() ? pending(answer, latest, null) : report(answer, latest);
    }

    /**
     * No current archive. The album was read consistently, so a click or poll on a build already
     * requested or under way with a live lease only reads it: the conditional write is attempted
     * only when the read says it can win, and a burst of clicks writes the album at most once.
     */
    private DownloadResponse requested(Answer answer, Album album) {
        Instant now = clock.instant();
        if (album.zipStatus() == ZipStatus.ERROR && failedAt(album).map(t -> t.plus(ERROR_SHOWN_FOR).isAfter(now)).orElse(false)) {
            return error(answer, album);
        }
        if (!builds.requestNeeded(album)) return report(answer, album);
        RequestSource source = album.zipStatus() == ZipStatus.ERROR ? RequestSource.API_RETRY : RequestSource.API;
        if (builds.request(album.albumId(), source)) {
            return pending(answer, album, source == RequestSource.API_RETRY ? DownloadMessages.RETRYING : null);
        }
        // Another click won the request, or the archive was published meanwhile: report it as it is now.
        Album latest = latest(album.albumId());
        return latest.archiveCurrent() ? checked(answer, latest) : report(answer, latest);
    }

    /** The state of a build requested or under way, or of a failure, as the record says. */
    private DownloadResponse report(Answer answer, Album album) {
        return switch (album.zipStatus()) {
            case ERROR -> error(answer, album);
            case GENERATING -> generating(answer, album, clock.instant());
            default -> pending(answer, album, null);
        };
    }

    private Album latest(String albumId) {
        return records.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
    }

    /**
     * Every part of the size asked for, in order, each a link signed now under its own file name
     * ({@code "Smith Wedding (part 2 of 5).zip"}, {@code "Smith Wedding (web size).zip"}; see
     * {@link ArchiveNames}); {@code download_url} is the first part's, so a client that knows nothing
     * of parts still gets the whole album when there is one archive and its first part when there are
     * more. The answer is counted against a guest's download limit just before it is given
     * ({@link AlbumAccess#countArchiveDownload}): a poll that answers pending is not a download.
     * The parts are then recorded as one delivery, under the name of the archive as a whole
     * ({@code "Smith Wedding.zip"}), and each link carries its tag.
     */
    private DownloadResponse ready(Answer answer, Album album) {
        List<PublishedPart> published = album.publishedParts(answer.size());
        if (published.isEmpty()) {
            // Only RAW files, say: the build published an empty list for the web size.
            throw new AlbumsException(ErrorCode.NOT_FOUND, "This album has no photos in web size.");
        }
        // A favourites archive counts against the link to its album, as Download All does.
        access.countArchiveDownload(answer.caller(), album.photosAlbumId());
        long files = answer.size() == PhotoSize.ORIGINAL ? album.zipFileCount()
                : published.stream().mapToLong(PublishedPart::fileCount).sum();
        List<DeliveredPart> handed = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            PublishedPart part = published.get(i);
            handed.add(DeliveredPart.handedOut(part.key(), ArchiveNames.part(album, answer.size(), i, published.size()),
                    part.size(), part.fileCount()));
        }
        Deliveries.Handed delivery = deliveries.handOut(answer.to(), album.photosAlbumId(), kind, answer.size(),
                ArchiveNames.part(album, answer.size(), 0, 1), handed, files);
        List<DownloadResponse.Part> parts = new ArrayList<>();
        long expiresIn = Long.MAX_VALUE;
        for (DeliveredPart part : handed) {
            PresignedLinks.Link link = delivery.link(part.key(), zipUrlExpiry, ContentDisposition.attachment(part.name()), "application/zip");
            parts.add(new DownloadResponse.Part(link.url(), part.size(), part.fileCount(), part.name()));
            // Each link is signed with the credentials of the moment: the answer promises the shortest life.
            expiresIn = Math.min(expiresIn, link.expiresInSeconds());
        }
        long size = published.stream().mapToLong(PublishedPart::size).sum();
        return new DownloadResponse(album.photosAlbumId(), parts.getFirst().downloadUrl(), expiresIn, files, "ready",
                DownloadMessages.READY, size, parts, ProgressView.of(album, answer.size(), clock.instant()), answer.size().value());
    }

    private DownloadResponse pending(Answer answer, Album album, String message) {
        ProgressView progress = ProgressView.notStarted(album.photoCount());
        return status(answer, album, "pending", Objects.requireNonNullElse(message, DownloadMessages.preparing(album, progress)), progress);
    }

    private DownloadResponse generating(Answer answer, Album album, Instant now) {
        ProgressView progress = ProgressView.of(album, answer.size(), now);
        return status(answer, album, "generating", DownloadMessages.preparing(album, progress), progress);
    }

    private DownloadResponse error(Answer answer, Album album) {
        return status(answer, album, "error", DownloadMessages.error(album), null);
    }

    private static DownloadResponse status(Answer answer, Album album, String status, String message, ProgressView progress) {
        return new DownloadResponse(album.photosAlbumId(), null, 0, album.photoCount(), status, message, null, List.of(), progress,
                answer.size().value());
    }

    /** When the last build ended (the failing one), or when it was requested if no build is recorded. */
    private static Optional<Instant> failedAt(Album album) {
        Optional<Instant> finished = album.builds().stream().map(BuildRecord::finishedAt).filter(Objects::nonNull).max(Instant::compareTo);
        return finished.isPresent() ? finished : Optional.ofNullable(album.requestedAt());
    }
}
