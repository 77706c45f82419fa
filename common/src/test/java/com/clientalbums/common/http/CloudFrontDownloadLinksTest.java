package com.clientalbums.common.http;

import com.clientalbums.common.delivery.DeliveryTag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudFrontDownloadLinksTest {
    static final Instant NOW = Instant.parse("2026-12-05T21:00:00Z");
    static final String DOMAIN = "d111111abcdef8.cloudfront.net";
    static final String KEY_PAIR_ID = "K2JCJMDEHXQW5F";
    static final DeliveryTag TAG = new DeliveryTag("garden-party", "d0123456789abcdef01234567");

    static KeyPair keys;
    static KeyPair otherKeys;
    static CloudFrontDownloadLinks links;

    @BeforeAll
    static void keyPairs() throws NoSuchAlgorithmException {
        keys = rsa();
        otherKeys = rsa();
        links = new CloudFrontDownloadLinks(DOMAIN, KEY_PAIR_ID, keys.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    void theSignedResourceIsTheFileWithItsNameItsTypeAndItsDeliveryAndThePublicKeyVerifiesIt() {
        var link = links.get("zips/garden-party/3f2a.zip", Duration.ofHours(6),
                ContentDisposition.attachment("Garden party.zip"), "application/zip", TAG);
        CloudFrontSignedUrl signed = CloudFrontSignedUrl.parse(link.url());

        assertEquals("https://" + DOMAIN + "/zips/garden-party/3f2a.zip"
                + "?response-content-disposition=" + CloudFrontDownloadLinks.encode(ContentDisposition.attachment("Garden party.zip"))
                + "&response-content-type=application%2Fzip"
                + "&x-delivery=garden-party.d0123456789abcdef01234567", signed.resource());
        assertTrue(signed.resource().contains("response-content-disposition=attachment%3B%20filename%3D%22Garden%20party.zip%22"), signed.resource());
        assertEquals(KEY_PAIR_ID, signed.keyPairId());
        assertTrue(signed.signedBy(keys.getPublic()), link.url());
    }

    @Test
    void aLinkExpiresExactlyTheWantedTimeFromNowWithNoCredentialCap() {
        var link = links.get("zips/garden-party/3f2a.zip", Duration.ofHours(6), ContentDisposition.attachment("a.zip"), null, TAG);
        assertEquals(NOW.plus(Duration.ofHours(6)).getEpochSecond(), CloudFrontSignedUrl.parse(link.url()).expires());
        assertEquals(6 * 3600, link.expiresInSeconds());
        var week = links.get("zips/garden-party/3f2a.zip", Duration.ofDays(7), ContentDisposition.attachment("a.zip"), null, TAG);
        assertEquals(7 * 24 * 3600, week.expiresInSeconds());
        assertEquals(NOW.plus(Duration.ofDays(7)).getEpochSecond(), CloudFrontSignedUrl.parse(week.url()).expires());
    }

    @Test
    void withoutATypeTheLinkAsksForNoneAndStillCarriesItsDelivery() {
        var link = links.get("albums/garden-party/photos/a.jpg", Duration.ofMinutes(15), ContentDisposition.attachment("a.jpg"), null, TAG);
        CloudFrontSignedUrl signed = CloudFrontSignedUrl.parse(link.url());
        assertFalse(signed.resource().contains("response-content-type"), signed.resource());
        assertTrue(signed.resource().endsWith("&x-delivery=" + TAG.value()), signed.resource());
        assertTrue(signed.signedBy(keys.getPublic()));
    }

    @Test
    void anEditedUrlNoLongerVerifiesAnotherDeliveryALaterExpiryAnotherFileOrAnotherKey() {
        String url = links.get("zips/garden-party/3f2a.zip", Duration.ofHours(6), ContentDisposition.attachment("a.zip"), "application/zip", TAG).url();
        assertTrue(CloudFrontSignedUrl.parse(url).signedBy(keys.getPublic()));

        String otherDelivery = CloudFrontSignedUrl.withParameter(url, "x-delivery", "garden-party.dffffffffffffffffffffffff");
        assertFalse(CloudFrontSignedUrl.parse(otherDelivery).signedBy(keys.getPublic()), otherDelivery);
        String later = CloudFrontSignedUrl.withParameter(url, "Expires", Long.toString(NOW.plus(Duration.ofDays(30)).getEpochSecond()));
        assertFalse(CloudFrontSignedUrl.parse(later).signedBy(keys.getPublic()), later);
        String otherFile = url.replace("/3f2a.zip?", "/9b1c.zip?");
        assertFalse(CloudFrontSignedUrl.parse(otherFile).signedBy(keys.getPublic()), otherFile);
        String otherName = CloudFrontSignedUrl.withParameter(url, "response-content-disposition", "inline");
        assertFalse(CloudFrontSignedUrl.parse(otherName).signedBy(keys.getPublic()), otherName);
        assertFalse(CloudFrontSignedUrl.parse(url).signedBy(otherKeys.getPublic()), "verified by another key pair's public key");
    }

    @Test
    void keysWithSpacesHashesPlusesQuestionMarksPercentsAndUnicodeArriveAsTheKeyTheyName() {
        String key = "albums/garden-party/photos/Cérémonie #1/IMG 0001+bis?100%~_.jpg";
        var link = links.get(key, Duration.ofMinutes(15), ContentDisposition.attachment("IMG 0001+bis.jpg"), "image/jpeg", TAG);
        CloudFrontSignedUrl signed = CloudFrontSignedUrl.parse(link.url());

        URI uri = URI.create(link.url());
        assertEquals("/albums/garden-party/photos/C%C3%A9r%C3%A9monie%20%231/IMG%200001%2Bbis%3F100%25~_.jpg", uri.getRawPath());
        // What S3 is asked for: CloudFront strips the leading slash and S3 decodes the rest.
        assertEquals(key, uri.getPath().substring(1));
        assertEquals(1, link.url().chars().filter(c -> c == '?').count(), "only the query's own question mark");
        assertTrue(signed.signedBy(keys.getPublic()), link.url());
    }

    @Test
    void everyByteOutsideTheUnreservedSetIsPercentEncodedAsUtf8() {
        assertEquals("aZ09-._~", CloudFrontDownloadLinks.encode("aZ09-._~"));
        assertEquals("%20%23%2B%3F%25%2F%26%3D%22%3B", CloudFrontDownloadLinks.encode(" #+?%/&=\";"));
        assertEquals("%C3%A9%F0%9F%93%B7", CloudFrontDownloadLinks.encode("é📷"));
        assertEquals("a/b%20c//d", CloudFrontDownloadLinks.encodePath("a/b c//d"));
    }
}
