package com.clientalbums.maintenance.store;

import com.clientalbums.common.delivery.PartReceipt;

import java.io.InputStream;
import java.util.Set;

/**
 * What making receipts needs of the bucket: which archives and which receipts exist, an archive
 * part's bytes read once, and its receipt written under {@code receipts/}.
 */
public interface ReceiptStore {
    /** The keys of every object in one folder of {@code zips/} or {@code receipts/} ({@code zips/{album_id}/}), one listing. */
    Set<String> keysIn(String folder);

    /** The part's bytes from the first to the last; the caller closes the stream. */
    InputStream readArchive(String key);

    void putReceipt(PartReceipt receipt);
}
