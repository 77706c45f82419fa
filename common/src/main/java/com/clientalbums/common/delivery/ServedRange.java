package com.clientalbums.common.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One answer an access log records for a tagged link: which bytes of which object went out.
 * The log parsers turn each format's fields into this (docs/delivery.md, "What a log line
 * proves"); the delivery record merges them ({@link Coverage}).
 *
 * @param key       the object served (one part of the delivery)
 * @param range     the bytes credited to the answer
 * @param cutShort  the answer ended before all the bytes it announced were sent: it cannot be
 *                  the answer that proves the object's last byte arrived
 * @param at        when the log says the answer was given
 * @param userAgent the client's User-Agent as logged (decoded), or empty
 */
public record ServedRange(DeliveryTag tag, String key, ByteRange range, boolean cutShort, Instant at, String userAgent) {
    public ServedRange {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(at, "at");
        userAgent = userAgent == null ? "" : userAgent;
    }
}
