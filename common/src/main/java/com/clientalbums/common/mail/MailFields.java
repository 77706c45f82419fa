package com.clientalbums.common.mail;

/**
 * The keys of {@link MailRequest#fields()}: what the writers know and the templates show. Which
 * kind reads which is in {@link MailKind}'s table. Values are plain text (the templates escape
 * them); a missing or empty field is shown as nothing.
 */
public final class MailFields {
    /** The album's name as the studio wrote it. */
    public static final String ALBUM_NAME = "album_name";
    /** The portal path the mail links to, starting with {@code /} ({@code PORTAL_URL} is put before it). */
    public static final String PATH = "path";
    /** A share link ({@code {PORTAL_URL}/s/{token}} or {@code /s/{token}}): a portal address, never a download. */
    public static final String LINK = "link";
    /** The share link's label. */
    public static final String LABEL = "label";
    /** The studio's own words sent with a share link (at most 1,000 characters). */
    public static final String MESSAGE = "message";
    /** {@code true} when the share link asks for a PIN, which the studio gives separately. */
    public static final String PIN_REQUIRED = "pin_required";
    /** A date, {@code yyyy-MM-dd}: when the gallery or the link expires. */
    public static final String EXPIRES_ON = "expires_on";
    /** A person's name (the client who sent a selection). */
    public static final String PERSON = "person";
    /** A person's e-mail address (the client who sent a selection). */
    public static final String EMAIL = "email";
    /** A number of photos (a selection's, or new photos in an album). */
    public static final String COUNT = "count";
    /** What went wrong (a failed build's message). */
    public static final String ERROR = "error";

    private MailFields() {}
}
