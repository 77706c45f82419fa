package com.clientalbums.common.auth;

import com.clientalbums.common.config.SecretSource;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.nio.charset.StandardCharsets;

/**
 * The guest-session signing key, where {@code GUEST_KEY_SOURCE} says ({@link SecretSource}): an SSM
 * SecureString Terraform makes from a random password (AWS), or a file the local runner makes
 * once, owner-only. The key is the value's text, at least 32 bytes of it.
 */
public final class GuestKeySource {
    static final int MIN_KEY_BYTES = 32;

    private GuestKeySource() {}

    /** The key's bytes; 500 CONFIGURATION when the setting is malformed, the key unreadable or shorter than 32 bytes. */
    public static byte[] read(String setting, String region) {
        String text = SecretSource.parse(Setting.GUEST_KEY_SOURCE, setting).read(region, "the guest-session key");
        byte[] key = text.strip().getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_KEY_BYTES) {
            throw new AlbumsException(ErrorCode.CONFIGURATION, "the guest-session key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }
}
