package com.clientalbums.common.http;

import com.clientalbums.common.delivery.DeliveryTag;

import java.time.Duration;

/**
 * Signed URLs of the downloads distribution (canned policy, the SDK's CloudFront utilities),
 * carrying {@code response-content-disposition}, {@code response-content-type} (forwarded to S3
 * by the distribution's origin request policy) and {@code x-delivery}, all inside the signed
 * resource (slice L).
 */
public final class CloudFrontDownloadLinks implements DownloadLinks {
    @Override
    public PresignedLinks.Link get(String key, Duration wanted, String contentDisposition, String contentType, DeliveryTag tag) {
        throw new UnsupportedOperationException("slice L");
    }
}
