package com.clientalbums.admin.uploads;

import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An upload link is good for the file that was declared and no other: the loopback S3 refuses a
 * body of another length or another type, and stores nothing for it.
 */
class UploadLinksBindLengthAndTypeTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final byte[] TEN_BYTES = "0123456789".getBytes();

    @Test
    void aLinkForTenBytesTakesTheTenBytesItWasSignedFor() throws Exception {
        UploadLinks.Upload upload = sign("ten.jpg", 10, "image/jpeg");
        assertEquals(Map.of("Content-Type", "image/jpeg", "Content-Length", "10"), upload.headers());

        assertEquals(200, put(upload, "image/jpeg", TEN_BYTES).statusCode());
        assertArrayEquals(TEN_BYTES, stored("ten.jpg"));
    }

    @Test
    void aLinkForTenBytesRefusesAMegabyteAndOneByteLessAndStoresNothing() throws Exception {
        UploadLinks.Upload upload = sign("big.jpg", 10, "image/jpeg");
        for (byte[] body : List.of(new byte[1024 * 1024], new byte[9], new byte[11])) {
            assertRefused(upload, "image/jpeg", body, body.length + " bytes");
        }
        assertFalse(exists("big.jpg"));
    }

    @Test
    void aLinkForAJpegRefusesAnotherContentTypeAndStoresNothing() throws Exception {
        UploadLinks.Upload upload = sign("typed.jpg", 10, "image/jpeg");
        for (String type : List.of("text/html", "image/svg+xml", "application/octet-stream")) {
            assertRefused(upload, type, TEN_BYTES, type);
        }
        assertFalse(exists("typed.jpg"));
    }

    private static UploadLinks.Upload sign(String path, long size, String type) {
        PresignedLinks links = new PresignedLinks(aws.clients().presigner(), aws.names().bucket(),
                DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
        UploadLinks uploads = new UploadLinks(links, Duration.ofMinutes(5));
        return uploads.sign("bound", new UploadLinks.Request(List.of(new UploadLinks.File(path, size, type)))).uploads().getFirst();
    }

    /**
     * S3 answers 403; with a large body it may answer before reading it all and close the
     * connection, which the client then sees as a closed connection instead of the 403, depending
     * on how far its sending got. Either way nothing is accepted; the callers check nothing is stored.
     */
    private static void assertRefused(UploadLinks.Upload upload, String type, byte[] body, String what) throws Exception {
        try {
            HttpResponse<String> answer = put(upload, type, body);
            assertEquals(403, answer.statusCode(), what + ": " + answer.body());
        } catch (IOException closedBeforeTheAnswer) {
            // Refused too: the server ended the exchange without accepting the body.
        }
    }

    /** What a browser sends: the body (its length is the Content-Length) and the given Content-Type. */
    private static HttpResponse<String> put(UploadLinks.Upload upload, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upload.url())).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] stored(String path) {
        return aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.names().bucket()).key(S3Keys.photoKey("bound", path))).asByteArray();
    }

    private static boolean exists(String path) {
        return aws.clients().s3().listObjectsV2(l -> l.bucket(aws.names().bucket()).prefix(S3Keys.photoKey("bound", path)))
                .keyCount() > 0;
    }
}
