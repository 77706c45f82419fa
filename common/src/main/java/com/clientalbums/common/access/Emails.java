package com.clientalbums.common.access;

import com.clientalbums.common.error.AlbumsException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses as keys: trimmed and lower-cased, so {@code Ann@Example.com} and
 * {@code ann@example.com} are one client (Cognito's e-mail sign-in is case-insensitive too).
 */
public final class Emails {
    // The address syntax browsers accept for <input type=email>: strict enough for a key, loose enough for people.
    private static final Pattern VALID = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private Emails() {}

    public static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The normalized address, or 400. */
    public static String require(String email) {
        String e = normalize(email);
        if (e.length() > 254 || !VALID.matcher(e).matches()) {
            throw AlbumsException.badRequest("Enter a valid e-mail address");
        }
        return e;
    }
}
