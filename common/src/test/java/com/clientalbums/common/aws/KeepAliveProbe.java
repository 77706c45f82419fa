package com.clientalbums.common.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a fresh JVM by {@code HttpClientsTest} (the JDK reads {@code http.maxConnections} once per
 * JVM): holds {@code N} GETs open at once through a loopback relay that counts the connections it
 * accepts, closes them, does it again, and prints {@code connections FIRST SECOND}: the connections
 * each round opened. Arguments: {@code s3-endpoint bucket key access-key secret-key N mode}, where
 * mode {@code function} builds the S3 client as the functions do and {@code jdk-default} builds it
 * on a URLConnection client left at the JDK's keep-alive default.
 */
public final class KeepAliveProbe {
    public static void main(String[] args) throws Exception {
        URI s3 = URI.create(args[0]);
        String bucket = args[1], key = args[2];
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(args[3], args[4]));
        int n = Integer.parseInt(args[5]);
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket relay = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> relay(relay, s3, accepted));
            String endpoint = "http://127.0.0.1:" + relay.getLocalPort();
            var builder = args[6].equals("function")
                    ? AwsClients.s3("us-east-2", Map.of("AWS_ENDPOINT_URL_S3", endpoint))
                    : S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_2)
                        .endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                        .httpClientBuilder(UrlConnectionHttpClient.builder());
            try (S3Client client = builder.credentialsProvider(credentials).build()) {
                int first = round(client, bucket, key, n, accepted);
                int second = round(client, bucket, key, n, accepted);
                System.out.println("connections " + first + " " + second);
            }
        }
    }

    /** Opens n responses before reading any, so each needs a connection of its own; returns the connections opened. */
    private static int round(S3Client client, String bucket, String key, int n, AtomicInteger accepted) throws IOException {
        int before = accepted.get();
        List<ResponseInputStream<GetObjectResponse>> open = new ArrayList<>();
        for (int i = 0; i < n; i++) open.add(client.getObject(r -> r.bucket(bucket).key(key)));
        for (var in : open) {
            in.readAllBytes();
            in.close();
        }
        return accepted.get() - before;
    }

    private static void relay(ServerSocket relay, URI target, AtomicInteger accepted) {
        try {
            while (true) {
                Socket client = relay.accept();
                accepted.incrementAndGet();
                Socket server = new Socket(target.getHost(), target.getPort());
                Thread.ofVirtual().start(() -> pipe(client, server));
                Thread.ofVirtual().start(() -> pipe(server, client));
            }
        } catch (IOException closed) {
            // the probe is done
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // either side closed
        } finally {
            try { from.close(); to.close(); } catch (IOException ignored) { }
        }
    }
}
