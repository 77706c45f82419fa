package com.clientalbums.local.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The user pool of the Cognito stand-in: accounts in one JSON file under the data folder,
 * rewritten whole (write, then rename) on every change so a crash never leaves half a file, and
 * readable by its owner only ({@link OwnerOnlyFiles}): it holds the password hashes.
 * Emails are matched case-insensitively, as Cognito does for email user names.
 */
public final class LocalAccounts {
    public static final String ADMIN_GROUP = "admin";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One account; {@code sub} is the stable id Cognito would assign. */
    public record Account(
            @JsonProperty("email") String email,
            @JsonProperty("name") String name,
            @JsonProperty("sub") String sub,
            @JsonProperty("groups") Set<String> groups,
            @JsonProperty("password_hash") String passwordHash,
            @JsonProperty("created_at") String createdAt) {

        @JsonIgnore
        public boolean isAdmin() { return groups.contains(ADMIN_GROUP); }
    }

    private final Path file;
    private final Map<String, Account> byEmail = new LinkedHashMap<>();

    private LocalAccounts(Path file) { this.file = file; }

    public static LocalAccounts open(Path file) {
        LocalAccounts accounts = new LocalAccounts(file);
        try {
            if (Files.exists(file)) {
                OwnerOnlyFiles.restrict(file);
                List<Account> stored = JSON.readValue(file.toFile(), new TypeReference<List<Account>>() {});
                for (Account a : stored) accounts.byEmail.put(normalize(a.email()), a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local accounts in " + file, e);
        }
        return accounts;
    }

    public static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public synchronized Optional<Account> find(String email) {
        return Optional.ofNullable(byEmail.get(normalize(email)));
    }

    public synchronized List<Account> list() {
        return byEmail.values().stream().sorted(Comparator.comparing(Account::email)).toList();
    }

    /** Creates an account; false when the email is taken (the caller decides what that means). */
    public synchronized boolean create(String email, String name, Set<String> groups, String password) {
        String key = normalize(email);
        if (key.isEmpty() || byEmail.containsKey(key)) return false;
        byEmail.put(key, new Account(key, name == null ? "" : name, UUID.randomUUID().toString(),
                new TreeSet<>(groups), PasswordHash.hash(password), Instant.now().toString()));
        save();
        return true;
    }

    /** Creates the account, or sets its name, groups and password: the demo's idempotent set-up. */
    public synchronized Account put(String email, String name, Set<String> groups, String password) {
        String key = normalize(email);
        Account old = byEmail.get(key);
        Account account = old != null && old.groups().equals(new TreeSet<>(groups)) && old.name().equals(name)
                && PasswordHash.matches(password, old.passwordHash())
                ? old
                : new Account(key, name, old != null ? old.sub() : UUID.randomUUID().toString(), new TreeSet<>(groups),
                        PasswordHash.hash(password), old != null ? old.createdAt() : Instant.now().toString());
        if (account != old) {
            byEmail.put(key, account);
            save();
        }
        return account;
    }

    /** The account if the password is right; takes as long for unknown emails as for known ones. */
    public Optional<Account> authenticate(String email, String password) {
        Optional<Account> account = find(email);
        if (account.isEmpty()) {
            PasswordHash.burn(password);
            return Optional.empty();
        }
        return PasswordHash.matches(password, account.get().passwordHash()) ? account : Optional.empty();
    }

    private void save() {
        try {
            OwnerOnlyFiles.write(file, JSON.writeValueAsBytes(new ArrayList<>(byEmail.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local accounts to " + file, e);
        }
    }
}
