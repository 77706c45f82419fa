package com.clientalbums.common.delivery;

import com.clientalbums.common.album.PhotoSize;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A delivery record: what was handed to whom, and what the access logs show reached them.
 *
 * @param firstHandedAt / lastHandedAt when links for it were first and last handed out
 * @param linksHanded   how many times links were handed out
 * @param devices       the devices links were handed to
 * @param visitors      names of a link's guests who asked for it
 * @param firstAt       the first served byte the logs show, null before any
 * @param lastAt        the last
 * @param completedAt   when the processor first found it complete, null until then
 * @param version       the optimistic lock the log processor's writes are conditioned on
 */
public record Delivery(String albumId, String deliveryId, Recipient recipient, DeliveredKind kind, PhotoSize size,
                       String archiveName, List<DeliveredPart> parts, long photoCount, Instant firstHandedAt,
                       Instant lastHandedAt, long linksHanded, Set<DeviceType> devices, Set<String> visitors,
                       Instant firstAt, Instant lastAt, Instant completedAt, long version) {
    public Delivery {
        parts = List.copyOf(parts);
        devices = Set.copyOf(devices);
        visitors = Set.copyOf(visitors);
    }

    /** Bytes of every part together. */
    public long totalSize() {
        return parts.stream().mapToLong(DeliveredPart::size).sum();
    }

    /** Distinct bytes served of {@link #totalSize}. */
    public long bytesServed() {
        return parts.stream().mapToLong(DeliveredPart::bytesServed).sum();
    }

    /** Every part complete. */
    public boolean complete() {
        return parts.stream().allMatch(DeliveredPart::complete);
    }

    /** Anything served at all: a delivery never started is not shown. */
    public boolean started() {
        return firstAt != null;
    }

    public DeliveryTag tag() {
        return new DeliveryTag(albumId, deliveryId);
    }
}
