package com.clientalbums.common.mail;

/**
 * The keys of {@link MailRequest#fields()}: what the writers know and the templates show. Which
 * kind reads which is in {@link MailKind}'s table. Values are plain text (the templates escape
 * them); a missing or empty field is shown as nothing.
 */
public final class MailFields {
    /** The album's name as the studio wrote it. */
    public static final String ALBUM_NAME = key("album_name");
    /** The portal path the mail links to, starting with {@code /} ({@code PORTAL_URL} is put before it). */
    public static final String PATH = key("path");
    /** A share link ({@code {PORTAL_URL}/s/{token}} or {@code /s/{token}}): a portal address, never a download. */
    public static final String LINK = key("link");
    /** The share link's label. */
    public static final String LABEL = key("label");
    /** The studio's own words sent with a share link (at most 1,000 characters). */
    public static final String MESSAGE = key("message");
    /** {@code true} when the share link asks for a PIN, which the studio gives separately. */
    public static final String PIN_REQUIRED = key("pin_required");
    /** A date, {@code yyyy-MM-dd}: when the gallery or the link expires. */
    public static final String EXPIRES_ON = key("expires_on");
    /** A person's name (the client who sent a selection). */
    public static final String PERSON = key("person");
    /** A person's e-mail address (the client who sent a selection). */
    public static final String EMAIL = key("email");
    /** A number of photos (a selection's, or new photos in an album). */
    public static final String COUNT = key("count");
    /** What went wrong (a failed build's message). */
    public static final String ERROR = key("error");

    private MailFields() {}

    /**
     * Each key goes through here so that it is no compile-time constant: javac would copy a
     * constant into the classes using it, the shaded JARs (which keep only the classes code
     * loads) would then lack this one, and {@code LambdaJarContentsIT} (which sees the reference
     * javac records) would rightly say a class the handler refers to is missing.
     */
    private static String key(String name) { return name; }
}
