package com.clientalbums.local;

import com.clientalbums.local.auth.LocalAccounts;
import com.clientalbums.local.auth.SigningKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The files that hold secrets (accounts, signing key, guest-session key, demo password, local.env) are the owner's alone. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RunnerSecretsTest {
    @TempDir Path data;

    @Test
    void secret_files_left_world_readable_by_an_earlier_run_are_made_owner_only_and_keep_their_content() throws Exception {
        assumeTrue(Files.getFileStore(data).supportsFileAttributeView("posix"), "POSIX file modes");
        Path auth = Files.createDirectories(data.resolve("local-auth"));
        LocalAccounts.open(auth.resolve("accounts.json")).create("kept@example.test", "Kept", Set.of(), "old password");
        String keyId = SigningKey.loadOrCreate(auth.resolve("signing-key.jwk.json")).getKeyID();
        Files.writeString(auth.resolve("demo-password"), "demo-from-before\n");
        String guestKey = "guest-key-from-before-" + "k".repeat(32);
        Files.writeString(auth.resolve("guest-key"), guestKey);
        Files.writeString(data.resolve("local.env"), "export ADMIN_PASSWORD='demo-from-before'\n");
        List<Path> secrets = List.of(auth.resolve("accounts.json"), auth.resolve("signing-key.jwk.json"),
                auth.resolve("demo-password"), auth.resolve("guest-key"), data.resolve("local.env"));
        for (Path file : secrets) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (LocalRunner runner = LocalRunner.start(TestRunners.config(data).withDemo(true, null)
                .withLambdas(new RecordingLambdas()))) {
            for (Path file : secrets) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
            assertEquals("demo-from-before", runner.demoPassword());
            assertTrue(runner.cognito().accounts().authenticate("kept@example.test", "old password").isPresent());
            assertEquals(keyId, JWKSet.parse(runner.cognito().jwks()).getKeys().getFirst().getKeyID());
            assertEquals(guestKey, Files.readString(auth.resolve("guest-key")), "guest sessions survive a restart");
            assertEquals("file:" + auth.resolve("guest-key").toAbsolutePath().normalize(),
                    runner.functionEnvironment().get("GUEST_KEY_SOURCE"));
        }
    }

    @Test
    void a_first_demo_start_writes_every_secret_file_owner_only() throws Exception {
        assumeTrue(Files.getFileStore(data).supportsFileAttributeView("posix"), "POSIX file modes");
        try (LocalRunner ignored = LocalRunner.start(TestRunners.config(data).withDemo(true, null)
                .withLambdas(new RecordingLambdas()))) {
            for (Path file : List.of(data.resolve("local-auth/accounts.json"), data.resolve("local-auth/signing-key.jwk.json"),
                    data.resolve("local-auth/demo-password"), data.resolve("local-auth/guest-key"), data.resolve("local.env"))) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
    }
}
