package com.clientalbums.client.deliveries;

import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.access.Viewing;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeliveryIds;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.PartReceipt;
import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.common.delivery.SfvManifest;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.http.Attachment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A client's receipts (docs/delivery.md, "Receipts"): for each of their complete downloads of an
 * archive, what arrived (the archive, its photos, its size, each part's SHA-256) and a manifest to
 * check an unzipped folder with. A caller sees only their own recipient's deliveries: a signed-in
 * client their own, a link's guests the link's (whoever of them downloaded). Anyone else's
 * delivery, a photo's, or an id that is none answers exactly as one that does not exist, 404.
 * A receipt is ready once the delivery is complete and maintenance has made every part's receipt
 * (its next run, within minutes); until then 409 {@code RECEIPT_NOT_READY}.
 */
public final class Receipts {
    private static final String MANIFEST_TYPE = "text/plain; charset=utf-8";

    private final AlbumAccess access;
    private final DeliveryRepository deliveries;
    private final PartReceipts receipts;

    public Receipts(AlbumAccess access, DeliveryRepository deliveries, PartReceipts receipts) {
        this.access = access;
        this.deliveries = deliveries;
        this.receipts = receipts;
    }

    /** {@code GET /albums/{album_id}/receipts}: the caller's complete deliveries, newest first. */
    public record Listing(List<Summary> receipts) {}

    /** @param ready every part's receipt exists: the receipt and its manifest can be opened */
    public record Summary(String deliveryId, String archive, String kind, String photoSize, long size, long photoCount,
                          Instant completedAt, boolean ready) {}

    /** {@code GET /albums/{album_id}/receipts/{delivery_id}}. */
    public record Receipt(String deliveryId, String albumId, String albumName, String archive, String kind, String photoSize,
                          long photoCount, long size, Instant firstAt, Instant completedAt, String recipientLabel,
                          List<Part> parts, String manifestName) {}

    public record Part(String name, long size, String sha256) {}

    public Listing list(Caller caller, String albumId) {
        String recipient = recipientOf(caller, access.open(caller, albumId));
        List<Summary> listed = deliveries.forAlbum(albumId).stream()
                .filter(d -> hasReceipt(d, recipient) && d.complete())
                .sorted(Comparator.comparing(Delivery::completedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(d -> new Summary(d.deliveryId(), d.archiveName(), d.kind().value(), d.size().value(), d.totalSize(),
                        d.photoCount(), d.completedAt(), d.parts().stream().allMatch(p -> receipts.exists(p.key()))))
                .toList();
        return new Listing(listed);
    }

    public Receipt receipt(Caller caller, String albumId, String deliveryId) {
        Viewing viewing = access.open(caller, albumId);
        Album album = viewing.album();
        Delivery delivery = own(recipientOf(caller, viewing), albumId, deliveryId);
        List<PartReceipt> parts = partReceipts(delivery);
        List<Part> shown = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            shown.add(new Part(delivery.parts().get(i).name(), parts.get(i).size(), parts.get(i).sha256()));
        }
        return new Receipt(delivery.deliveryId(), albumId, album.name(), delivery.archiveName(), delivery.kind().value(),
                delivery.size().value(), delivery.photoCount(), delivery.totalSize(), delivery.firstAt(), delivery.completedAt(),
                delivery.recipient().label(), shown, SfvManifest.fileName(delivery.archiveName()));
    }

    /** {@code GET /albums/{album_id}/receipts/{delivery_id}/manifest}: the SFV file, named after the archive. */
    public Attachment manifest(Caller caller, String albumId, String deliveryId) {
        Viewing viewing = access.open(caller, albumId);
        Album album = viewing.album();
        Delivery delivery = own(recipientOf(caller, viewing), albumId, deliveryId);
        byte[] sfv = SfvManifest.of(album.name(), delivery.archiveName(), partReceipts(delivery));
        return new Attachment(SfvManifest.fileName(delivery.archiveName()), MANIFEST_TYPE, sfv);
    }

    /** The caller's delivery with a receipt (an archive's), else 404 as for one that does not exist. */
    private Delivery own(String recipient, String albumId, String deliveryId) {
        Optional<Delivery> found = DeliveryIds.isValid(deliveryId) ? deliveries.find(albumId, deliveryId) : Optional.empty();
        return found.filter(d -> hasReceipt(d, recipient)).orElseThrow(() -> AlbumsException.notFound("Receipt"));
    }

    /** Every part's receipt in the delivery's order; 409 until the delivery is complete and each is made. */
    private List<PartReceipt> partReceipts(Delivery delivery) {
        if (!delivery.complete()) throw notReady("This download has not finished yet. Its receipt is made once every byte has arrived.");
        List<PartReceipt> found = new ArrayList<>();
        for (DeliveredPart part : delivery.parts()) {
            found.add(receipts.find(part.key()).orElseThrow(() ->
                    notReady("Your download is complete; its receipt is being prepared. Please try again in a few minutes.")));
        }
        return found;
    }

    private static AlbumsException notReady(String message) {
        return new AlbumsException(ErrorCode.RECEIPT_NOT_READY, message);
    }

    /** The caller's own delivery, of an archive (a photo's has no receipt). */
    private static boolean hasReceipt(Delivery delivery, String recipient) {
        return delivery.recipient().id().equals(recipient) && delivery.kind() != DeliveredKind.PHOTO;
    }

    /** Whom the caller's downloads were recorded for, by the rule that recorded them ({@link Requester}). */
    private static String recipientOf(Caller caller, Viewing viewing) {
        return Requester.of(caller, viewing, Optional.empty()).recipient().id();
    }
}
