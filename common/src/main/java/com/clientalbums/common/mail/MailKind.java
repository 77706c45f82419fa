package com.clientalbums.common.mail;

import java.util.Locale;

/**
 * The e-mails the system sends (docs/delivery.md, "E-mail"), and the {@link MailFields} each
 * reads from its request. Links are portal links only: {@code path} is put after
 * {@code PORTAL_URL}; a raw download URL is never mailed (it expires, and it is a key to files).
 *
 * <table>
 *   <caption>Fields per kind (* required)</caption>
 *   <tr><th>kind</th><th>to</th><th>fields</th></tr>
 *   <tr><td>ALBUM_READY</td><td>a client</td><td>album_name*, path* ({@code /albums/{id}/}…), count</td></tr>
 *   <tr><td>ALBUM_CHANGED</td><td>a client</td><td>album_name*, path*, count (new or changed photos)</td></tr>
 *   <tr><td>SHARE_LINK</td><td>an address the studio gave</td><td>album_name*, link* ({@code …/s/{token}}), label,
 *       message, expires_on, pin_required</td></tr>
 *   <tr><td>EXPIRY_REMINDER</td><td>a client</td><td>album_name*, path*, expires_on*</td></tr>
 *   <tr><td>SELECTION_SUBMITTED</td><td>ADMIN_EMAIL</td><td>album_name*, path* (the studio's page), person, email,
 *       count</td></tr>
 *   <tr><td>BUILD_FAILED</td><td>ADMIN_EMAIL</td><td>album_name*, path* (the studio's page), error</td></tr>
 * </table>
 */
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
