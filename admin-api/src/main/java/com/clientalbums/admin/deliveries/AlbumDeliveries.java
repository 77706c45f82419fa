package com.clientalbums.admin.deliveries;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.store.AlbumIds;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The studio's view of an album's deliveries ({@code /admin/albums/{album_id}/deliveries},
 * docs/delivery.md "Delivery records"): what each client and each share link took and how much of
 * it the access logs show reached them. Only started deliveries are listed: a link handed out and
 * never used proves nothing and is only counted, so "they never started" reads as its own answer.
 */
public final class AlbumDeliveries {
    /** The most recent activity first; ties (one log line's time) in a fixed order from call to call. */
    private static final Comparator<Delivery> ORDER = Comparator
            .comparing(Delivery::lastAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Delivery::deliveryId);

    private final AlbumRepository albums;
    private final DeliveryRepository deliveries;

    public AlbumDeliveries(AlbumRepository albums, DeliveryRepository deliveries) {
        this.albums = albums;
        this.deliveries = deliveries;
    }

    /** 400 for an invalid album id, 404 for an unknown album. */
    public DeliveryViews.Listing list(String albumId) {
        AlbumIds.require(albumId);
        albums.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
        List<Delivery> all = deliveries.forAlbum(albumId);
        List<DeliveryViews.DeliveryRow> started = all.stream().filter(Delivery::started).sorted(ORDER)
                .map(DeliveryViews.DeliveryRow::of).toList();
        return new DeliveryViews.Listing(albumId, started, all.size() - started.size());
    }
}
