package com.clientalbums.local.auth;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SignInLockoutTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-06-01T10:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    final HandClock clock = new HandClock();
    final SignInLockout lockout = new SignInLockout(SignInLockout.Policy.DEFAULT, clock);

    @Test
    void the_fifth_failure_within_fifteen_minutes_locks_until_the_first_is_fifteen_minutes_old() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(SignInLockout.Permit.class, lockout.begin("ann@example.test")).failed();
            clock.now = clock.now.plusSeconds(60);
        }
        var locked = assertInstanceOf(SignInLockout.Locked.class, lockout.begin("ANN@example.test"));
        assertEquals(Duration.ofMinutes(10), locked.retryAfter(), "the first failure was 5 minutes ago");

        clock.now = clock.now.plus(Duration.ofMinutes(10)).minusSeconds(1);
        assertInstanceOf(SignInLockout.Locked.class, lockout.begin("ann@example.test"));
        clock.now = clock.now.plusSeconds(1);
        assertInstanceOf(SignInLockout.Permit.class, lockout.begin("ann@example.test")).failed();
        assertInstanceOf(SignInLockout.Locked.class, lockout.begin("ann@example.test"),
                "four failures are still within the window, the new one makes five");
    }

    @Test
    void failures_spread_wider_than_the_window_never_lock_and_a_success_starts_the_count_again() {
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(SignInLockout.Permit.class, lockout.begin("bob@example.test")).failed();
            clock.now = clock.now.plus(Duration.ofMinutes(4));
        }
        for (int i = 0; i < 4; i++) assertInstanceOf(SignInLockout.Permit.class, lockout.begin("cat@example.test")).failed();
        assertInstanceOf(SignInLockout.Permit.class, lockout.begin("cat@example.test")).succeeded();
        for (int i = 0; i < 4; i++) assertInstanceOf(SignInLockout.Permit.class, lockout.begin("cat@example.test")).failed();
        assertInstanceOf(SignInLockout.Permit.class, lockout.begin("cat@example.test"));
    }

    @Test
    void fifty_concurrent_guesses_get_at_most_five_password_checks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger checks = new AtomicInteger();
            List<Future<?>> guesses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                guesses.add(pool.submit(() -> {
                    start.await();
                    if (lockout.begin("dan@example.test") instanceof SignInLockout.Permit permit) {
                        checks.incrementAndGet();
                        Thread.sleep(5); // a password check takes a while; others arrive meanwhile
                        permit.failed();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> guess : guesses) guess.get();
            assertEquals(5, checks.get());
            assertInstanceOf(SignInLockout.Locked.class, lockout.begin("dan@example.test"));
        } finally {
            pool.shutdownNow();
        }
    }
}
