package com.clientalbums.common.delivery;

import com.clientalbums.common.album.PhotoSize;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Links being handed out: the client API records this (one conditional write) before it answers
 * with the links, each tagged with the delivery's id.
 *
 * @param archiveName the file name the client saves ({@code Smith Wedding.zip}, {@code IMG_0001.jpg})
 * @param visitor     the guest's name when a named guest of a link asked, else empty
 * @param photoCount  photos the delivery holds (1 for a photo)
 */
public record HandOut(String albumId, Recipient recipient, DeliveredKind kind, PhotoSize size, String archiveName,
                      List<DeliveredPart> parts, long photoCount, DeviceType device, String visitor, Instant at) {
    public HandOut {
        Objects.requireNonNull(albumId, "albumId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(archiveName, "archiveName");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) throw new IllegalArgumentException("a delivery hands out at least one object");
        visitor = visitor == null ? "" : visitor;
    }

    /** The delivery's id: the same for every hand-out of the same thing to the same recipient. */
    public String deliveryId() {
        return DeliveryIds.of(recipient, kind, size, parts.stream().map(DeliveredPart::key).toList());
    }

    public DeliveryTag tag() {
        return new DeliveryTag(albumId, deliveryId());
    }
}
