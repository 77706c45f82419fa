package com.clientalbums.local.auth;

import com.clientalbums.admin.users.AccountDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin API's {@code POST /admin/users} against the Cognito stand-in: where Cognito's
 * AdminCreateUser would e-mail a temporary password, the account is created in the local store
 * with a password that is written to the runner's log (with {@code --demo}: the demo password,
 * so every client made in the studio signs in like the demo ones).
 */
public final class LocalAccountDirectory implements AccountDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAccountDirectory.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalAccounts accounts;
    private final Supplier<String> password;

    public LocalAccountDirectory(LocalAccounts accounts, Supplier<String> password) {
        this.accounts = accounts;
        this.password = password;
    }

    /** Passwords for new accounts: the given one when set, else a fresh random one each time. */
    public static Supplier<String> fixedOrRandom(String fixed) {
        return () -> fixed != null ? fixed : randomPassword();
    }

    @Override
    public Outcome create(String email, String name) {
        String initial = password.get();
        if (!accounts.create(email, name, Set.of(), initial)) return Outcome.ALREADY_EXISTS;
        LOG.info("client account {} created; it signs in with the password {} (Cognito would e-mail a temporary one)",
                LocalAccounts.normalize(email), initial);
        return Outcome.CREATED;
    }

    static String randomPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            if (i == 4 || i == 9) p.append('-');
            p.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return p.toString();
    }
}
