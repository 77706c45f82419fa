package com.clientalbums.maintenance.deliveries;

import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.PartDigest;
import com.clientalbums.common.delivery.PartReceipt;
import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.maintenance.store.ReceiptStore;
import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.RECEIPTS_MADE;

/**
 * Makes the receipt of every archive part a complete delivery holds (an album's or a favourites
 * archive; a photo has none), once: the part is read whole from S3, its SHA-256 taken and its
 * entries read ({@link PartDigest}), and its receipt put under {@code receipts/} ({@link PartReceipts#keyOf}).
 * Which receipts exist is learnt from one listing of each folder that holds such a part, not by
 * asking for each. A part whose archive is gone (superseded and deleted) gets none: there is
 * nothing left to vouch for. A part that does not read as the archive it should be (a CRC-32 or
 * size that does not match, another length than handed out) gets none either, and is reported
 * under its album at every run until someone looks: that is an archive a client could not unzip.
 * Parts are started only while time is left; one part is read at a time, so memory stays flat.
 */
public final class PartReceiptsStep implements FrequentStep {
    private static final Logger LOG = System.getLogger(PartReceiptsStep.class.getName());

    private final DeliveryRepository deliveries;
    private final ReceiptStore store;

    public PartReceiptsStep(DeliveryRepository deliveries, ReceiptStore store) {
        this.deliveries = deliveries;
        this.store = store;
    }

    @Override
    public void run(RunInput in, BooleanSupplier timeLeft, MaintenanceReport report) {
        in.eachAlbum(timeLeft, report, album -> receiptsOf(album.albumId(), timeLeft, report));
    }

    private void receiptsOf(String albumId, BooleanSupplier timeLeft, MaintenanceReport report) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (Delivery delivery : deliveries.forAlbum(albumId)) {
            if (delivery.kind() == DeliveredKind.PHOTO || !delivery.complete()) continue;
            for (DeliveredPart part : delivery.parts()) parts.putIfAbsent(part.key(), part.size());
        }
        Map<String, Set<String>> folders = new HashMap<>();
        for (Map.Entry<String, Long> part : parts.entrySet()) {
            String key = part.getKey();
            String receiptKey = PartReceipts.keyOf(key);
            Set<String> archives = folders.computeIfAbsent(folderOf(key), store::keysIn);
            Set<String> receipts = folders.computeIfAbsent(folderOf(receiptKey), store::keysIn);
            if (!archives.contains(key) || receipts.contains(receiptKey)) continue;
            if (!timeLeft.getAsBoolean()) return;
            try {
                store.putReceipt(read(key, part.getValue()));
                report.add(RECEIPTS_MADE);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "no receipt for " + key, e);
                report.error(albumId, new IOException("no receipt for " + key + ": " + e.getMessage(), e));
            }
        }
    }

    private static String folderOf(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    private PartReceipt read(String key, long handedOutSize) throws IOException {
        PartReceipt receipt;
        try (InputStream archive = store.readArchive(key)) {
            receipt = PartDigest.of(key, archive);
        }
        if (receipt.size() != handedOutSize) {
            throw new IOException("read " + receipt.size() + " bytes where " + handedOutSize + " were handed out");
        }
        return receipt;
    }
}
