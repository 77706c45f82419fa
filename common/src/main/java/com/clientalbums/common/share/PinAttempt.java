package com.clientalbums.common.share;

import java.time.Instant;

/** The answer to "may this PIN be checked?" ({@link ShareRepository#reserveAttempt}). */
public sealed interface PinAttempt {
    /** Counted before it is checked: {@code failures} wrong PINs if this one is wrong too. */
    record Reserved(int failures) implements PinAttempt {}

    /** Too many wrong PINs: none is checked before {@code until}. */
    record Locked(Instant until) implements PinAttempt {}

    /** The link is no longer in the table. */
    record Gone() implements PinAttempt {}
}
