package com.clientalbums.common.auth;

import com.clientalbums.common.aws.HttpClients;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the guest-session signing key is ({@code GUEST_KEY_SOURCE}): {@code ssm:/name}, an SSM
 * SecureString Terraform makes from a random password (AWS), or {@code file:/path}, a file the
 * local runner makes once, owner-only. The key is the value's text, at least 32 bytes of it; it is
 * read once, when the function starts.
 */
public sealed interface GuestKeySource {
    int MIN_KEY_BYTES = 32;

    record Ssm(String parameter) implements GuestKeySource {}

    record KeyFile(Path path) implements GuestKeySource {}

    /** 500 CONFIGURATION for anything but the two forms. */
    static GuestKeySource parse(String value) {
        if (value.startsWith("ssm:") && value.length() > "ssm:".length()) return new Ssm(value.substring("ssm:".length()));
        if (value.startsWith("file:") && value.length() > "file:".length()) return new KeyFile(Path.of(value.substring("file:".length())));
        throw new AlbumsException(ErrorCode.CONFIGURATION, "GUEST_KEY_SOURCE must be ssm:/parameter/name or file:/path");
    }

    /** The key's bytes; 500 CONFIGURATION when it cannot be read or is shorter than 32 bytes. */
    static byte[] read(GuestKeySource source, String region) {
        String text = switch (source) {
            case Ssm ssm -> {
                try (SsmClient client = SsmClient.builder().region(Region.of(region)).httpClientBuilder(HttpClients.urlConnection()).build()) {
                    yield client.getParameter(g -> g.name(ssm.parameter()).withDecryption(true)).parameter().value();
                } catch (SdkException e) {
                    throw new AlbumsException(ErrorCode.CONFIGURATION, "the guest-session key " + ssm.parameter() + " cannot be read: " + e.getMessage(), e);
                }
            }
            case KeyFile file -> {
                try {
                    yield Files.readString(file.path());
                } catch (IOException e) {
                    throw new AlbumsException(ErrorCode.CONFIGURATION, "the guest-session key file " + file.path() + " cannot be read", e);
                }
            }
        };
        byte[] key = text.strip().getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_KEY_BYTES) {
            throw new AlbumsException(ErrorCode.CONFIGURATION, "the guest-session key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }
}
