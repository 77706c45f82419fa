package com.clientalbums.common.http;

import com.clientalbums.common.config.SecretSource;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Signed URLs of the downloads distribution (canned policy, the SDK's CloudFront utilities),
 * carrying {@code response-content-disposition}, {@code response-content-type} (forwarded to S3
 * by the distribution's origin request policy) and {@code x-delivery}, all inside the signed
 * resource: changing any of them, the file or the expiry breaks the signature.
 *
 * <p>Unlike a presigned S3 link, a signed URL does not depend on the function's credentials, so
 * it lives exactly as long as asked. Every byte outside RFC 3986's unreserved set is
 * percent-encoded, in the path (S3 keys hold spaces, {@code #}, {@code ?}, {@code %}, any
 * Unicode) and the query alike: browsers send such a URL unchanged, so the URL CloudFront checks
 * is the one that was signed.
 */
public final class CloudFrontDownloadLinks implements DownloadLinks {
    private static final CloudFrontUtilities SIGNER = CloudFrontUtilities.create();

    private final String domain;
    private final String keyPairId;
    private final PrivateKey privateKey;
    private final Clock clock;

    /**
     * @param domain    the distribution's domain (or an alias of it), without scheme
     * @param keyPairId the id of the CloudFront public key in the distribution's trusted key group
     */
    public CloudFrontDownloadLinks(String domain, String keyPairId, PrivateKey privateKey, Clock clock) {
        this.domain = domain;
        this.keyPairId = keyPairId;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /**
     * From {@code CLOUDFRONT_DOMAIN}, {@code CLOUDFRONT_KEY_PAIR_ID} and the PEM key
     * {@code CLOUDFRONT_KEY_SOURCE} names, read now.
     *
     * @throws AlbumsException 500 CONFIGURATION naming every missing setting, or the key that cannot be read
     */
    static CloudFrontDownloadLinks from(Settings settings, Clock clock) {
        List<String> problems = new ArrayList<>();
        for (Setting s : List.of(Setting.CLOUDFRONT_DOMAIN, Setting.CLOUDFRONT_KEY_PAIR_ID, Setting.CLOUDFRONT_KEY_SOURCE)) {
            if (settings.get(s).isEmpty()) problems.add(s.name() + " is not set (" + s.description() + ")");
        }
        if (!problems.isEmpty()) {
            throw new AlbumsException(ErrorCode.CONFIGURATION,
                    "Invalid configuration: DOWNLOAD_LINKS is cloudfront but " + String.join("; ", problems));
        }
        String pem = SecretSource.parse(Setting.CLOUDFRONT_KEY_SOURCE, settings.get(Setting.CLOUDFRONT_KEY_SOURCE))
                .read(settings.region(), "the CloudFront signing key");
        PrivateKey key;
        try {
            key = PemRsaKeys.parse(pem);
        } catch (IllegalArgumentException e) {
            throw new AlbumsException(ErrorCode.CONFIGURATION, "CLOUDFRONT_KEY_SOURCE does not name an RSA private key: " + e.getMessage(), e);
        }
        return new CloudFrontDownloadLinks(settings.get(Setting.CLOUDFRONT_DOMAIN), settings.get(Setting.CLOUDFRONT_KEY_PAIR_ID), key, clock);
    }

    @Override
    public PresignedLinks.Link get(String key, Duration wanted, String contentDisposition, String contentType, DeliveryTag tag) {
        StringJoiner query = new StringJoiner("&");
        if (contentDisposition != null) query.add("response-content-disposition=" + encode(contentDisposition));
        if (contentType != null) query.add("response-content-type=" + encode(contentType));
        query.add(DeliveryTag.PARAMETER + "=" + encode(tag.value()));
        String resource = "https://" + domain + "/" + encodePath(key) + "?" + query;
        Instant expires = clock.instant().plus(wanted);
        String url = SIGNER.getSignedUrlWithCannedPolicy(CannedSignerRequest.builder()
                .resourceUrl(resource).privateKey(privateKey).keyPairId(keyPairId).expirationDate(expires).build()).url();
        return new PresignedLinks.Link(url, wanted.toSeconds());
    }

    /** An S3 key as a URL path: each segment encoded, the slashes between them kept. */
    static String encodePath(String key) {
        StringJoiner path = new StringJoiner("/");
        for (String segment : key.split("/", -1)) path.add(encode(segment));
        return path.toString();
    }

    /** UTF-8 bytes, every one outside {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
