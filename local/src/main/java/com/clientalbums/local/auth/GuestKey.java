package com.clientalbums.local.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key the client API signs guest sessions with, locally: 32 random bytes (base64url text, as
 * the client API reads {@code GUEST_KEY_SOURCE=file:…}), made on the first start and kept in the
 * data folder, so guest sessions survive a restart. Owner-only ({@link OwnerOnlyFiles}): whoever
 * reads it can make a guest session for any share link's album.
 */
public final class GuestKey {
    private static final int KEY_BYTES = 32;

    private GuestKey() {}

    /** The key file, made if it does not exist; its path is what {@code GUEST_KEY_SOURCE} names. */
    public static Path ensure(Path file) throws IOException {
        if (Files.exists(file)) {
            OwnerOnlyFiles.restrict(file);
            return file;
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        OwnerOnlyFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(key).getBytes(StandardCharsets.US_ASCII));
        return file;
    }
}
