package com.clientalbums.local.auth;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LocalAccountsTest {
    @TempDir Path dir;

    @Test
    void accounts_survive_reopening_with_only_a_salted_hash_of_the_password_on_disk() throws Exception {
        Path file = dir.resolve("accounts.json");
        LocalAccounts accounts = LocalAccounts.open(file);
        assertTrue(accounts.create("Zoë@Example.test", "Zoë", Set.of(), "s3cret words"));
        assertFalse(accounts.create("zoë@example.test", "Other", Set.of(), "x"), "emails are case-insensitive");

        String onDisk = Files.readString(file);
        assertFalse(onDisk.contains("s3cret"));
        assertTrue(onDisk.contains("pbkdf2-sha256$"));

        LocalAccounts reopened = LocalAccounts.open(file);
        assertEquals("Zoë", reopened.authenticate("ZOË@example.test", "s3cret words").orElseThrow().name());
        assertTrue(reopened.authenticate("zoë@example.test", "wrong").isEmpty());
        assertTrue(reopened.authenticate("nobody@example.test", "s3cret words").isEmpty());
    }

    @Test
    void put_keeps_the_account_id_and_changes_the_password() {
        LocalAccounts accounts = LocalAccounts.open(dir.resolve("a.json"));
        String sub = accounts.put("a@b.test", "A", Set.of("admin"), "one").sub();
        var changed = accounts.put("a@b.test", "A", Set.of("admin"), "two");
        assertEquals(sub, changed.sub());
        assertTrue(changed.isAdmin());
        assertTrue(accounts.authenticate("a@b.test", "two").isPresent());
        assertTrue(accounts.authenticate("a@b.test", "one").isEmpty());
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        String a = PasswordHash.hash("same");
        assertFalse(a.equals(PasswordHash.hash("same")));
        assertTrue(PasswordHash.matches("same", a));
        assertFalse(PasswordHash.matches("same", "garbage"));
    }
}
