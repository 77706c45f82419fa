package com.clientalbums.common.http;

import com.clientalbums.common.delivery.DeliveryTag;

import java.time.Duration;

/**
 * Presigned S3 links carrying the delivery tag as a signed {@code x-delivery} query parameter,
 * which S3 ignores but writes to its server access logs.
 */
public final class S3DownloadLinks implements DownloadLinks {
    private final PresignedLinks links;

    public S3DownloadLinks(PresignedLinks links) {
        this.links = links;
    }

    @Override
    public PresignedLinks.Link get(String key, Duration wanted, String contentDisposition, String contentType, DeliveryTag tag) {
        return links.get(key, wanted, contentDisposition, contentType, DeliveryTag.PARAMETER, tag.value());
    }
}
