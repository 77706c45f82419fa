package com.clientalbums.common.delivery;

import java.util.List;
import java.util.Objects;

/**
 * What a client's receipt says of one archive part, computed once from the part's bytes by
 * maintenance and kept as {@code receipts/{album_id}/{content hash}.json}
 * ({@link PartReceipts}): its SHA-256, and each entry's name, size and CRC-32 as the ZIP holds them.
 */
public record PartReceipt(String key, long size, String sha256, List<Entry> entries) {
    public record Entry(String name, long size, long crc32) {
        public Entry {
            Objects.requireNonNull(name, "name");
        }
    }

    public PartReceipt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        entries = List.copyOf(entries);
    }
}
