package com.clientalbums.local.s3front;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The S3 front's access log records until they are delivered, as S3 delivers its own: each
 * {@link #flush} writes the records so far as one object {@code s3/YYYY-MM-DD-HH-MM-SS-{16 hex}}
 * (S3's key layout, under the prefix the log processor reads) into the access-log bucket.
 */
public final class AccessLogBuffer {
    public static final String PREFIX = "s3/";
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String bucket;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Object pendingLock = new Object();
    private List<String> pending = new ArrayList<>();
    /**
     * Held for a whole flush, so one that returns has delivered every record appended before it
     * was called, even those a flush running at the same time took (maintenance relies on that).
     */
    private final ReentrantLock delivering = new ReentrantLock();

    public AccessLogBuffer(S3Client s3, String bucket, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
    }

    void append(AccessLogEntry entry) {
        String line = entry.line();
        synchronized (pendingLock) {
            pending.add(line);
        }
    }

    /** Writes what was logged so far as one log object; its key, or empty when there was nothing. */
    public Optional<String> flush() {
        delivering.lock();
        try {
            List<String> lines;
            synchronized (pendingLock) {
                lines = pending;
                pending = new ArrayList<>();
            }
            if (lines.isEmpty()) return Optional.empty();
            byte[] unique = new byte[8];
            random.nextBytes(unique);
            String key = PREFIX + KEY_TIME.format(clock.instant()) + "-" + HexFormat.of().withUpperCase().formatHex(unique);
            try {
                s3.putObject(p -> p.bucket(bucket).key(key).contentType("text/plain"),
                        RequestBody.fromString(String.join("\n", lines) + "\n", StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // Kept for the next flush, ahead of what came since: a record is late, never lost.
                synchronized (pendingLock) {
                    lines.addAll(pending);
                    pending = lines;
                }
                throw e;
            }
            return Optional.of(key);
        } finally {
            delivering.unlock();
        }
    }

    /** Records not yet delivered. */
    int pending() {
        synchronized (pendingLock) {
            return pending.size();
        }
    }
}
