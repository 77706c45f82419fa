package com.clientalbums.common.delivery;

import com.clientalbums.common.store.AlbumIds;

import java.util.Optional;

/**
 * What every download link carries so its bytes can be told apart in the access logs: the query
 * parameter {@code x-delivery={album_id}.{delivery_id}}. S3 ignores query parameters starting
 * with {@code x-} but writes them to its server access logs, and CloudFront writes the query to
 * its standard logs; in both the parameter is part of what is signed, so a client cannot move
 * their bytes onto someone else's delivery. Album ids are {@code a-z 0-9 -}, so the dot is an
 * unambiguous separator.
 */
public record DeliveryTag(String albumId, String deliveryId) {
    /** The query parameter's name. */
    public static final String PARAMETER = "x-delivery";

    public DeliveryTag {
        if (!AlbumIds.isValid(albumId)) throw new IllegalArgumentException("not an album id: " + albumId);
        if (!DeliveryIds.isValid(deliveryId)) throw new IllegalArgumentException("not a delivery id: " + deliveryId);
    }

    /** The parameter's value. */
    public String value() {
        return albumId + "." + deliveryId;
    }

    /** The tag a parameter value names; empty for anything else (a log line of another request). */
    public static Optional<DeliveryTag> parse(String value) {
        if (value == null) return Optional.empty();
        int dot = value.lastIndexOf('.');
        if (dot <= 0) return Optional.empty();
        String album = value.substring(0, dot);
        String delivery = value.substring(dot + 1);
        if (!AlbumIds.isValid(album) || !DeliveryIds.isValid(delivery)) return Optional.empty();
        return Optional.of(new DeliveryTag(album, delivery));
    }
}
