package com.clientalbums.common.mail;

import java.util.Locale;

/** The e-mails the system sends (docs/delivery.md, "E-mail"). */
public enum MailKind {
    /** To a client: an album they can see is ready for the first time. */
    ALBUM_READY,
    /** To a client: an album they were told about has new or changed photos, once the burst settled. */
    ALBUM_CHANGED,
    /** To whoever the studio sent a share link to. */
    SHARE_LINK,
    /** To a client, EXPIRY_REMINDER_DAYS before a gallery expires. */
    EXPIRY_REMINDER,
    /** To the photographer: a client sent their selection. */
    SELECTION_SUBMITTED,
    /** To the photographer: an album's build failed for good. */
    BUILD_FAILED;

    public String value() { return name().toLowerCase(Locale.ROOT); }
}
