package com.clientalbums.maintenance.mail;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;
import com.clientalbums.maintenance.deliveries.FrequentStep;
import com.clientalbums.maintenance.deliveries.RunInput;
import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reminds an album's readers ({@link AlbumAudience}) that the gallery expires soon: once its
 * {@code expires_at} is within {@code EXPIRY_REMINDER_DAYS} and not yet past. The expiry date is the
 * mail's discriminator, so each reader is reminded once per date: a run repeated queues nothing, and
 * a gallery the photographer extends is reminded again before its new date.
 */
public final class ExpiryReminders implements FrequentStep {
    private final AlbumAudience audience;
    private final MailOutbox outbox;
    private final Duration before;

    /** @param before how long before the expiry readers are reminded; zero for no reminders */
    public ExpiryReminders(AlbumAudience audience, MailOutbox outbox, Duration before) {
        this.audience = audience;
        this.outbox = outbox;
        this.before = before;
    }

    @Override
    public void run(RunInput in, BooleanSupplier timeLeft, MaintenanceReport report) {
        if (before.isZero()) return;
        Instant now = in.now();
        in.eachAlbum(timeLeft, report, album -> {
            if (due(album, now)) remind(album, now, report);
        });
    }

    /** Expires within the reminder window, and has not yet; an album without photos has nothing to miss. */
    boolean due(Album album, Instant now) {
        return album.expiresAt() != null && album.photoCount() > 0 && !album.expired(now)
                && !album.expiresAt().isAfter(now.plus(before));
    }

    private void remind(Album album, Instant now, MaintenanceReport report) {
        String expiresOn = LocalDate.ofInstant(album.expiresAt(), ZoneOffset.UTC).toString();
        for (AlbumAudience.Member member : audience.of(album.albumId(), now)) {
            Map<String, String> fields = new HashMap<>(AlbumFields.forReader(album, member));
            fields.put(MailFields.EXPIRES_ON, expiresOn);
            if (outbox.enqueue(new MailRequest(member.email(), MailKind.EXPIRY_REMINDER, album.albumId(), expiresOn, fields, now))) {
                report.add(MaintenanceReport.Count.MAILS_QUEUED);
            }
        }
    }
}
