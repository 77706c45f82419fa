package com.clientalbums.client.favourites;

import com.clientalbums.common.access.Emails;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.favourite.Favourites;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells the photographer ({@code ADMIN_EMAIL}) that a selection was sent: one
 * {@link MailKind#SELECTION_SUBMITTED} per sending (the person and its {@code submitted_at} are the
 * discriminator, so a second click that finds it sent, or two at once, queue one mail; a selection
 * reopened and sent again is news again). The selection is the client's to lock, the mail is only
 * news: a failure to queue it is logged, and the client is still answered that it was sent.
 */
public final class SelectionMail {
    private static final Logger LOG = System.getLogger(SelectionMail.class.getName());
    /** The studio has one page; an album's favourites are opened from its list (frontend/src/pages/studio/). */
    static final String STUDIO_PATH = "/studio/";

    private final MailOutbox outbox;
    private final String adminEmail;

    /** @param outbox null when this deployment sends no mail; {@code adminEmail} empty: nobody to tell */
    public SelectionMail(MailOutbox outbox, String adminEmail) {
        this.outbox = outbox;
        this.adminEmail = Emails.normalize(adminEmail);
    }

    /** No mail at all: {@code MAIL_TRANSPORT} none. */
    public static SelectionMail off() {
        return new SelectionMail(null, "");
    }

    /** @param count the photos of the album in the selection sent */
    void sent(Album album, Favourites sent, int count, Instant now) {
        if (outbox == null || adminEmail.isEmpty()) return;
        Map<String, String> fields = new HashMap<>();
        fields.put(MailFields.ALBUM_NAME, album.name() == null || album.name().isBlank() ? album.albumId() : album.name());
        fields.put(MailFields.PERSON, sent.person().name());
        if (sent.person().email() != null) fields.put(MailFields.EMAIL, sent.person().email());
        fields.put(MailFields.COUNT, Integer.toString(count));
        fields.put(MailFields.PATH, STUDIO_PATH);
        String discriminator = sent.person().id() + "#" + Timestamps.format(sent.submittedAt());
        try {
            outbox.enqueue(new MailRequest(adminEmail, MailKind.SELECTION_SUBMITTED, album.albumId(), discriminator, fields, now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the selection of " + sent.person().id() + " in album " + album.albumId()
                    + " was sent, but its mail to the studio could not be queued", e);
        }
    }
}
