package com.clientalbums.common.config;

import com.clientalbums.common.aws.HttpClients;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a signing key is, as a setting names it ({@code GUEST_KEY_SOURCE}, {@code CLOUDFRONT_KEY_SOURCE}):
 * {@code ssm:/name}, an SSM SecureString Terraform writes (AWS), or {@code file:/path}, a file the
 * local runner or a test writes, owner-only. Keys are read once, when a function starts.
 *
 * <p>Reading {@code ssm:} needs the SDK's SSM module, which common declares optional: a function
 * that reads keys from SSM declares it too.
 */
public sealed interface SecretSource {

    record Ssm(String parameter) implements SecretSource {}

    record KeyFile(Path path) implements SecretSource {}

    /** 500 CONFIGURATION, naming the setting, for anything but the two forms. */
    static SecretSource parse(Setting setting, String value) {
        if (value.startsWith("ssm:") && value.length() > "ssm:".length()) return new Ssm(value.substring("ssm:".length()));
        if (value.startsWith("file:") && value.length() > "file:".length()) return new KeyFile(Path.of(value.substring("file:".length())));
        throw new AlbumsException(ErrorCode.CONFIGURATION, setting.name() + " must be ssm:/parameter/name or file:/path");
    }

    /**
     * The secret's text, as stored (callers strip or parse it).
     *
     * @param what names the secret in the error, e.g. "the guest-session key"
     * @throws AlbumsException 500 CONFIGURATION when it cannot be read
     */
    default String read(String region, String what) {
        return switch (this) {
            case Ssm ssm -> {
                try (SsmClient client = SsmClient.builder().region(Region.of(region)).httpClientBuilder(HttpClients.urlConnection()).build()) {
                    yield client.getParameter(g -> g.name(ssm.parameter()).withDecryption(true)).parameter().value();
                } catch (SdkException e) {
                    throw new AlbumsException(ErrorCode.CONFIGURATION, what + " " + ssm.parameter() + " cannot be read: " + e.getMessage(), e);
                }
            }
            case KeyFile file -> {
                try {
                    yield Files.readString(file.path());
                } catch (IOException e) {
                    throw new AlbumsException(ErrorCode.CONFIGURATION, what + " file " + file.path() + " cannot be read", e);
                }
            }
        };
    }
}
