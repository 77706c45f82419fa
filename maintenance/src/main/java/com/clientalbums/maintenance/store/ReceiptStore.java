package com.clientalbums.maintenance.store;

import com.clientalbums.common.delivery.PartReceipt;

import java.io.InputStream;
import java.util.Set;

/**
 * What making receipts needs of the bucket: which archives and receipts exist beside each other,
 * an archive part's bytes read once, and the receipt written beside it.
 */
public interface ReceiptStore {
    /** The keys of every object in one folder of {@code zips/} ({@code zips/{album_id}/}), one listing. */
    Set<String> keysIn(String folder);

    /** The part's bytes from the first to the last; the caller closes the stream. */
    InputStream readArchive(String key);

    void putReceipt(PartReceipt receipt);
}
