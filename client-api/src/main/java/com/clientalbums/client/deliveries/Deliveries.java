package com.clientalbums.client.deliveries;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.HandOut;
import com.clientalbums.common.http.DownloadLinks;
import com.clientalbums.common.http.PresignedLinks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Hands out download links as deliveries (docs/delivery.md, "Delivery records"): the hand-out is
 * recorded first (one write: {@link DeliveryRepository#handOut}), then every link is signed
 * carrying the delivery's tag, so each byte the access logs show for it is the recipient's. A
 * link that exists is always on a record; a record whose links were never used shows nothing.
 * Only ready answers come here: pending and building answers hand nothing out.
 */
public final class Deliveries {
    private final DeliveryRepository records;
    private final DownloadLinks links;
    private final Clock clock;

    public Deliveries(DeliveryRepository records, DownloadLinks links, Clock clock) {
        this.records = records;
        this.links = links;
        this.clock = clock;
    }

    /**
     * Records a hand-out to {@code to} and returns what signs its links.
     *
     * @param albumId     the photos' album (a favourites archive's too: the studio looks per album)
     * @param archiveName the file the client saves: the archive's name, or the photo's
     * @param parts       every object handed out, under the names they download as
     */
    public Handed handOut(Requester to, String albumId, DeliveredKind kind, PhotoSize size, String archiveName,
                          List<DeliveredPart> parts, long photoCount) {
        DeliveryTag tag = records.handOut(new HandOut(albumId, to.recipient(), kind, size, archiveName, parts, photoCount,
                to.device(), to.visitor(), clock.instant()));
        return new Handed(tag, links);
    }

    /** A recorded hand-out: every link it signs carries its tag. */
    public record Handed(DeliveryTag tag, DownloadLinks links) {
        public PresignedLinks.Link link(String key, Duration wanted, String contentDisposition, String contentType) {
            return links.get(key, wanted, contentDisposition, contentType, tag);
        }
    }
}
