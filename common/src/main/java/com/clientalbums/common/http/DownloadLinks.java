package com.clientalbums.common.http;

import com.clientalbums.common.delivery.DeliveryTag;

import java.time.Duration;

/**
 * Links a browser downloads an archive part or a photo by, each tagged with its delivery
 * ({@link DeliveryTag}) so the access logs tell whose bytes they were. Two implementations,
 * chosen by {@code DOWNLOAD_LINKS}: {@link S3DownloadLinks} (presigned S3 GETs) and
 * {@link CloudFrontDownloadLinks} (signed URLs of the downloads distribution). Both give the
 * file the same name ({@code Content-Disposition}) and type, and live as long as asked, or less
 * when the signer's own credentials end sooner.
 */
public interface DownloadLinks {
    /**
     * @param contentDisposition the answer's {@code Content-Disposition} ({@link ContentDisposition})
     * @param contentType        the answer's {@code Content-Type}, or null for the stored one
     */
    PresignedLinks.Link get(String key, Duration wanted, String contentDisposition, String contentType, DeliveryTag tag);
}
