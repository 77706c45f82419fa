package com.clientalbums.common.queue;

import java.time.Duration;

/**
 * The port through which every build wakes a ZIP generator: a message only says "look at this
 * album"; the album record says what to build. {@link ZipQueue} is the SQS side of it.
 */
public interface WakeUpQueue {
    /** SQS's longest delivery delay. */
    Duration MAX_DELAY = Duration.ofSeconds(900);

    /**
     * Sends one wake-up for the album, delivered after {@code delay} (at most 15 minutes).
     *
     * @throws com.clientalbums.common.error.AlbumsException with {@code UNAVAILABLE} when the
     *         message could not be sent
     */
    void wake(String albumId, Duration delay);

    default void wake(String albumId) {
        wake(albumId, Duration.ZERO);
    }
}
