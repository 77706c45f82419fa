package com.clientalbums.common.http;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Links a browser downloads an archive part or a photo by, each tagged with its delivery
 * ({@link DeliveryTag}) so the access logs tell whose bytes they were. Two implementations,
 * chosen by {@code DOWNLOAD_LINKS}: {@link S3DownloadLinks} (presigned S3 GETs) and
 * {@link CloudFrontDownloadLinks} (signed URLs of the downloads distribution). Both give the
 * file the same name ({@code Content-Disposition}) and type, and live as long as asked, or less
 * when the signer's own credentials end sooner (S3's only: CloudFront's key does not expire).
 */
public interface DownloadLinks {
    /**
     * @param contentDisposition the answer's {@code Content-Disposition} ({@link ContentDisposition})
     * @param contentType        the answer's {@code Content-Type}, or null for the stored one
     */
    PresignedLinks.Link get(String key, Duration wanted, String contentDisposition, String contentType, DeliveryTag tag);

    /** The values of {@code DOWNLOAD_LINKS}. */
    enum Signer {
        S3, CLOUDFRONT;

        /** 500 CONFIGURATION for anything else. */
        static Signer of(String value) {
            for (Signer s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(value)) return s;
            }
            throw new AlbumsException(ErrorCode.CONFIGURATION,
                    "Invalid configuration: DOWNLOAD_LINKS must be cloudfront or s3, got '" + value + "'");
        }
    }

    /**
     * The links {@code DOWNLOAD_LINKS} names, built once when a function starts: a CloudFront
     * setting missing, or its key unreadable, stops the function with a message naming it.
     *
     * @param presigned the function's presigned S3 links, used when the setting is {@code s3}
     */
    static DownloadLinks from(Settings settings, PresignedLinks presigned, Clock clock) {
        return switch (Signer.of(settings.get(Setting.DOWNLOAD_LINKS))) {
            case S3 -> new S3DownloadLinks(presigned);
            case CLOUDFRONT -> CloudFrontDownloadLinks.from(settings, clock);
        };
    }
}
