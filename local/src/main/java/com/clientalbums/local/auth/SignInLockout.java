package com.clientalbums.local.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Refuses password checks for an account after {@link Policy#maxFailures} failures within
 * {@link Policy#window}, until the oldest of them is older than the window. Keyed by the
 * normalized email whether or not an account exists, so a locked answer says nothing about
 * which addresses have accounts. A check in progress holds a place among the failures until it
 * ends, so concurrent guesses cannot get past the limit either.
 */
public final class SignInLockout {
    /** How many failures within how long lock an account. */
    public record Policy(int maxFailures, Duration window) {
        public static final Policy DEFAULT = new Policy(5, Duration.ofMinutes(15));
    }

    /** What to do with one sign-in attempt. */
    public sealed interface Decision {}

    /** Check the password, then report how it went (exactly once). */
    public final class Permit implements Decision {
        private final String key;

        private Permit(String key) { this.key = key; }

        public void succeeded() { end(key, false); }

        public void failed() { end(key, true); }
    }

    /** Locked: no password is checked; try again after {@code retryAfter}. */
    public record Locked(Duration retryAfter) implements Decision {}

    /** Failures (and checks in progress) of one account, oldest first. */
    private static final class Attempts {
        final Deque<Instant> failures = new ArrayDeque<>();
        int inProgress;
    }

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Attempts> byKey = new HashMap<>();

    public SignInLockout(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public synchronized Decision begin(String email) {
        String key = LocalAccounts.normalize(email);
        Instant now = clock.instant();
        Attempts attempts = byKey.computeIfAbsent(key, k -> new Attempts());
        forgetExpired(attempts, now);
        if (attempts.failures.size() + attempts.inProgress >= policy.maxFailures()) {
            Duration retryAfter = attempts.failures.isEmpty()
                    ? Duration.ofSeconds(1) // only checks in progress: they end within a second
                    : Duration.between(now, attempts.failures.peekFirst().plus(policy.window()));
            return new Locked(retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter);
        }
        attempts.inProgress++;
        return new Permit(key);
    }

    private synchronized void end(String key, boolean failed) {
        Attempts attempts = byKey.get(key);
        attempts.inProgress--;
        if (failed) attempts.failures.addLast(clock.instant());
        else attempts.failures.clear();
        if (attempts.failures.isEmpty() && attempts.inProgress == 0) byKey.remove(key);
        if (byKey.size() > 10_000) forgetAllExpired();
    }

    private void forgetExpired(Attempts attempts, Instant now) {
        while (!attempts.failures.isEmpty() && !attempts.failures.peekFirst().plus(policy.window()).isAfter(now)) {
            attempts.failures.removeFirst();
        }
    }

    /** Guesses at many addresses must not grow the map for ever. */
    private void forgetAllExpired() {
        Instant now = clock.instant();
        byKey.values().removeIf(a -> {
            forgetExpired(a, now);
            return a.failures.isEmpty() && a.inProgress == 0;
        });
    }
}
