package com.clientalbums.zip.bench;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark's local S3: S3Proxy on a filesystem folder, in a process of its own so that the
 * memory measured in each benchmark mode is the mode's alone. Generates the album once
 * (incompressible bytes, like JPEGs) and keeps it for later runs.
 *
 * <p>Requests are signed or not, as asked. Over loopback's plain HTTP the SDK insists on
 * SHA-256-signing every byte it uploads, and S3Proxy reads each body whole to hash it again:
 * work that takes an eighth of this 2-core machine from every mode alike. Against S3 over HTTPS
 * the SDK sends {@code UNSIGNED-PAYLOAD} and neither side hashes a body; {@code unsigned}
 * measures that.
 *
 * <p>Arguments: {@code DATA_DIR PORT ALBUM PHOTOS SIZE_MB signed|unsigned}; writes
 * {@code DATA_DIR/ready} when serving.
 */
public final class BenchServer {
    static final String BUCKET = "bench";
    static final String KEY = "bench-access-key";
    static final String SECRET = "bench-secret-key";

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String album = args[2];
        int photos = Integer.parseInt(args[3]);
        double sizeMb = Double.parseDouble(args[4]);
        boolean signed = signed(args[5]);
        Files.createDirectories(data.resolve("s3"));
        S3Proxy proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(data.resolve("s3").toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(signed ? AuthenticationType.AWS_V2_OR_V4 : AuthenticationType.NONE, KEY, SECRET)
                // S3 accepts single PUTs up to 5 GB; S3Proxy caps unchunked signed bodies lower by default.
                .v4MaxNonChunkedRequestSize(5L << 30)
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) Thread.sleep(10);
        try (S3Client s3 = client(URI.create("http://127.0.0.1:" + port), signed)) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
            generate(s3, album, photos, sizeMb);
        }
        Files.writeString(data.resolve("ready"), "ready");
        Thread.currentThread().join();
    }

    static boolean signed(String auth) {
        return switch (auth) {
            case "signed" -> true;
            case "unsigned" -> false;
            default -> throw new IllegalArgumentException("requests are signed or unsigned, not " + auth);
        };
    }

    static AwsCredentialsProvider credentials(boolean signed) {
        return signed ? StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)) : AnonymousCredentialsProvider.create();
    }

    /** The SDK's default S3 client (used to generate the album, and by the plan's algorithm). */
    static S3Client client(URI endpoint, boolean signed) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_2).credentialsProvider(credentials(signed))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    /** Photo sizes vary ±25 % around the mean, as a real shoot does; the same arguments give the same album. */
    private static void generate(S3Client s3, String album, int photos, double sizeMb) throws Exception {
        String prefix = "albums/" + album + "/photos/";
        int existing = s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .mapToInt(o -> 1).sum();
        if (existing == photos) return;
        System.out.printf("generating %d photos of about %.2f MB in %s%n", photos, sizeMb, prefix);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < photos; i++) {
                int index = i;
                pool.execute(() -> {
                    Random random = new Random(index);
                    int size = (int) (sizeMb * 1024 * 1024 * (0.75 + random.nextDouble() * 0.5));
                    byte[] bytes = new byte[size];
                    random.nextBytes(bytes);
                    String folder = index % 2 == 0 ? "Ceremony/" : "Reception/";
                    s3.putObject(r -> r.bucket(BUCKET).key(prefix + folder + String.format("IMG_%05d.jpg", index)),
                            RequestBody.fromBytes(bytes));
                });
            }
        }
    }
}
