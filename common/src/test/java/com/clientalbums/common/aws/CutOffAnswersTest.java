package com.clientalbums.common.aws;

import com.clientalbums.localaws.LoopbackServers;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An answer whose connection breaks halfway through its body (found by the fault suite: a
 * listing cut short failed a whole build, because the SDK reports it as a parse error and does
 * not retry that) is tried again by the functions' clients.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CutOffAnswersTest {
    private static final String LISTING = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><Prefix>albums/</Prefix>\
            <KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>\
            <Contents><Key>albums/a/photos/1.jpg</Key><LastModified>2026-12-05T08:00:00.000Z</LastModified><ETag>"e1"</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Contents>\
            <Contents><Key>albums/a/photos/2.jpg</Key><LastModified>2026-12-05T08:00:00.000Z</LastModified><ETag>"e2"</ETag><Size>20</Size><StorageClass>STANDARD</StorageClass></Contents>\
            </ListBucketResult>""";

    @Test
    void a_listing_whose_connection_breaks_mid_body_is_tried_again_and_read_whole() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread s3 = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket client = server.accept()) {
                        readHead(client.getInputStream());
                        byte[] body = LISTING.getBytes(StandardCharsets.UTF_8);
                        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                        client.getOutputStream().write(head);
                        if (requests.incrementAndGet() == 1) {
                            client.getOutputStream().write(body, 0, body.length / 2);
                            client.getOutputStream().flush();
                            client.setSoLinger(true, 0); // a reset, not a clean end
                        } else {
                            client.getOutputStream().write(body);
                        }
                    } catch (IOException e) {
                        // the next connection
                    }
                }
            });
            // The functions' clients take credentials from the default chain; these are the loopback servers' (as LocalAws sets them).
            System.setProperty("aws.accessKeyId", LoopbackServers.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", LoopbackServers.SECRET_KEY);
            try (AwsClients clients = AwsClients.create("us-east-2", Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getLocalPort()))) {
                List<String> keys = clients.s3().listObjectsV2(l -> l.bucket("bucket").prefix("albums/"))
                        .contents().stream().map(S3Object::key).toList();
                assertEquals(List.of("albums/a/photos/1.jpg", "albums/a/photos/2.jpg"), keys);
            }
            assertEquals(2, requests.get(), "the cut-off answer, then the whole one");
            server.close();
            s3.join(2000);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) return;
            head.write(b);
        }
    }
}
