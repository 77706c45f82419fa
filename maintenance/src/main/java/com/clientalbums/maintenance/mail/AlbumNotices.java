package com.clientalbums.maintenance.mail;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;
import com.clientalbums.common.mail.Notice;
import com.clientalbums.maintenance.deliveries.FrequentStep;
import com.clientalbums.maintenance.deliveries.RunInput;
import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Tells an album's readers ({@link AlbumAudience}) that it is ready, or that its photos changed,
 * once it has settled: ready with an archive of the photos as they are, published at least
 * {@code MAIL_SETTLE_SECONDS} ago. While photos keep arriving the album is stale, pending or
 * building, or was published too recently, so a burst of uploads is told once, after its last
 * build. Each reader's memory ({@code notice#{album_id}}: the fingerprint they were told of) makes
 * the first mail {@link MailKind#ALBUM_READY}, a later fingerprint {@link MailKind#ALBUM_CHANGED}
 * and the same one nothing; the fingerprint is the mail's discriminator, so a run repeated (or
 * one that stopped between queuing and remembering) queues nothing twice. An expired gallery is
 * told nothing.
 */
public final class AlbumNotices implements FrequentStep {
    private final AlbumAudience audience;
    private final MailOutbox outbox;
    private final Duration settle;

    public AlbumNotices(AlbumAudience audience, MailOutbox outbox, Duration settle) {
        this.audience = audience;
        this.outbox = outbox;
        this.settle = settle;
    }

    @Override
    public void run(RunInput in, BooleanSupplier timeLeft, MaintenanceReport report) {
        Instant now = in.now();
        in.eachAlbum(timeLeft, report, album -> {
            if (settled(album, now)) tell(album, now, report);
        });
    }

    /** Ready with the photos as they are, published at least the settle time ago, and not expired. */
    boolean settled(Album album, Instant now) {
        return album.zipStatus() == ZipStatus.READY && album.archiveCurrent() && album.zipGeneratedAt() != null
                && !album.zipGeneratedAt().plus(settle).isAfter(now) && !album.expired(now);
    }

    private void tell(Album album, Instant now, MaintenanceReport report) {
        String fingerprint = album.contentFingerprint();
        for (AlbumAudience.Member member : audience.of(album.albumId(), now)) {
            Optional<Notice> told = outbox.noticeOf(member.email(), album.albumId());
            if (told.isPresent() && told.get().fingerprint().equals(fingerprint)) continue;
            MailKind kind = told.isEmpty() ? MailKind.ALBUM_READY : MailKind.ALBUM_CHANGED;
            if (outbox.enqueue(new MailRequest(member.email(), kind, album.albumId(), fingerprint,
                    AlbumFields.forReader(album, member), now))) {
                report.add(MaintenanceReport.Count.MAILS_QUEUED);
            }
            // Remembered for an opted-out reader too: opting in again later is not news of every old change.
            outbox.recordNotice(member.email(), album.albumId(), new Notice(fingerprint, now));
        }
    }
}
