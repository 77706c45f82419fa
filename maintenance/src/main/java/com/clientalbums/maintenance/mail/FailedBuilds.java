package com.clientalbums.maintenance.mail;

import com.clientalbums.common.access.Emails;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;
import com.clientalbums.maintenance.deliveries.FrequentStep;
import com.clientalbums.maintenance.deliveries.RunInput;
import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Tells the photographer ({@code ADMIN_EMAIL}) of an album whose build failed for good
 * ({@code error}: its retries spent). The failed request's time ({@code requested_at}) is the
 * mail's discriminator: one mail per failed request however many runs see it, and a new one when a
 * click or a change requests the build again and that fails too. Only the album table is read:
 * a favourites archive is built on a client's click, who is told on the page, and rebuilt by the next.
 */
public final class FailedBuilds implements FrequentStep {
    private final MailOutbox outbox;
    private final String adminEmail;

    /** @param adminEmail the photographer's address; empty for no mail */
    public FailedBuilds(MailOutbox outbox, String adminEmail) {
        this.outbox = outbox;
        this.adminEmail = Emails.normalize(adminEmail);
    }

    @Override
    public void run(RunInput in, BooleanSupplier timeLeft, MaintenanceReport report) {
        if (adminEmail.isEmpty()) return;
        in.eachAlbum(timeLeft, report, album -> {
            if (album.zipStatus() == ZipStatus.ERROR && outbox.enqueue(mail(album, in.now()))) {
                report.add(MaintenanceReport.Count.MAILS_QUEUED);
            }
        });
    }

    private MailRequest mail(Album album, Instant now) {
        // A record from before requested_at was kept: its creation is the only request it had.
        Instant failedRequest = album.requestedAt() != null ? album.requestedAt() : album.createdAt();
        Map<String, String> fields = new HashMap<>();
        fields.put(MailFields.ALBUM_NAME, AlbumFields.name(album));
        fields.put(MailFields.ERROR, album.zipError() == null ? "" : album.zipError());
        fields.put(MailFields.PATH, AlbumFields.STUDIO_PATH);
        return new MailRequest(adminEmail, MailKind.BUILD_FAILED, album.albumId(),
                String.valueOf(failedRequest), fields, now);
    }
}
