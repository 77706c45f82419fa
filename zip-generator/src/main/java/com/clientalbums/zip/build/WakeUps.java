package com.clientalbums.zip.build;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.queue.WakeUpQueue;

import java.time.Duration;
import java.time.Instant;

/**
 * Delayed wake-up messages for requests that are not due yet (a quiet period after photo
 * changes, a retry's back-off). The album record holds a marker ({@code wake_at}) of the wake-up
 * already on its way, so a burst of 500 photo events sends one message, not 500: only the writer
 * that wins the marker sends. SQS delays a message by at most 15 minutes; a longer wait is
 * covered by waking early and re-arming.
 */
public final class WakeUps {
    /** SQS counts delays in whole seconds and clocks differ a little: arrive just after the due time, never before. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final AlbumRepository albums;
    private final WakeUpQueue queue;

    public WakeUps(AlbumRepository albums, WakeUpQueue queue) {
        this.albums = albums;
        this.queue = queue;
    }

    /** After a change pushed the album's quiet period to {@code due}: send a wake-up unless one is already coming. */
    public boolean afterChange(String albumId, Instant due, Instant now) {
        Instant at = arrival(due, now);
        if (!albums.scheduleWakeUp(albumId, at, now)) return false;
        queue.wake(albumId, Duration.between(now, at));
        return true;
    }

    /** A generator was woken before the request was due (the quiet period moved on): wake again then, once. */
    public boolean afterEarlyWake(String albumId, Instant due, Instant now) {
        Instant at = arrival(due, now);
        if (!albums.rescheduleWakeUp(albumId, at, now)) return false;
        queue.wake(albumId, Duration.between(now, at));
        return true;
    }

    /** When the message will arrive: just after {@code due}, or at the longest delay SQS allows. */
    static Instant arrival(Instant due, Instant now) {
        Duration wait = Duration.between(now, due);
        if (wait.isNegative()) wait = Duration.ZERO;
        // Whole seconds, rounded up, so the message never arrives before the request is due.
        long seconds = wait.plus(MARGIN).plusMillis(999).toSeconds();
        return now.plusSeconds(Math.min(seconds, WakeUpQueue.MAX_DELAY.toSeconds()));
    }
}
