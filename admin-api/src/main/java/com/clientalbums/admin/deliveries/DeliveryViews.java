package com.clientalbums.admin.deliveries;

import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeviceType;
import com.clientalbums.common.delivery.Recipient;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the studio's deliveries route (snake_case on the wire). */
public final class DeliveryViews {
    private DeliveryViews() {}

    /**
     * {@code GET /admin/albums/{album_id}/deliveries}: the deliveries the access logs show started,
     * the most recent activity first.
     *
     * @param unstarted deliveries handed out whose links no log shows used (yet): not listed
     */
    public record Listing(String albumId, List<DeliveryRow> deliveries, long unstarted) {}

    /**
     * One delivery: who, what, and how much of it the logs show reached them.
     *
     * @param recipient      {@code client:{email}} or {@code link:{share_id}}
     * @param recipientKind  {@code client | link}
     * @param shareId        the link's id; null for a client
     * @param email          the client's address; null for a link
     * @param visitors       names a link's guests gave when they asked for it, sorted
     * @param kind           {@code album | favourites | photo}
     * @param photoSize      {@code original | web}
     * @param archive        the file name the client saves (the whole archive's, for one in parts)
     * @param bytesServed    distinct bytes served of {@code size}: a byte downloaded twice counts once
     * @param percent        {@code bytes_served} of {@code size}, rounded down (100 only when every byte was served)
     * @param complete       every part's every byte served, the last by an answer that ran to its end
     * @param completedAt    when maintenance first found it complete; null until then
     * @param firstAt        the first served byte the logs show
     * @param lastAt         the last
     * @param handedOutAt    when links for it were first handed out
     * @param lastHandedOutAt when they were last handed out
     * @param linksHanded    how many times links were handed out (a click each)
     * @param devices        {@code phone | tablet | desktop | unknown}: the devices it was handed to or fetched by
     */
    public record DeliveryRow(String deliveryId, String recipient, String recipientKind, String recipientLabel, String shareId,
                              String email, List<String> visitors, String kind, String photoSize, String archive,
                              List<PartRow> parts, long bytesServed, long size, int percent, boolean complete,
                              Instant completedAt, Instant firstAt, Instant lastAt, Instant handedOutAt,
                              Instant lastHandedOutAt, long linksHanded, List<String> devices) {

        static DeliveryRow of(Delivery d) {
            Recipient r = d.recipient();
            boolean link = r.kind() == Recipient.Kind.LINK;
            return new DeliveryRow(d.deliveryId(), r.id(), r.kind().value(), r.label(), link ? r.key() : null,
                    link ? null : r.key(), d.visitors().stream().sorted().toList(), d.kind().value(), d.size().value(),
                    d.archiveName(), d.parts().stream().map(PartRow::of).toList(), d.bytesServed(), d.totalSize(),
                    percentOf(d.bytesServed(), d.totalSize()), d.complete(), d.completedAt(), d.firstAt(), d.lastAt(),
                    d.firstHandedAt(), d.lastHandedAt(), d.linksHanded(),
                    d.devices().stream().sorted().map(DeviceType::value).toList());
        }
    }

    /** One part (or the one photo) and what of it was served. */
    public record PartRow(String name, long size, long bytesServed, boolean complete) {
        static PartRow of(DeliveredPart p) {
            return new PartRow(p.name(), p.size(), p.bytesServed(), p.complete());
        }
    }

    /** Rounded down, so a delivery one byte short never shows 100 %. */
    static int percentOf(long served, long size) {
        if (size <= 0) return served >= size ? 100 : 0;
        return (int) Math.min(100, Math.floorDiv(served * 100, size));
    }
}
