package com.clientalbums.localaws;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Real AWS-compatible servers on loopback: S3Proxy (S3) and ElasticMQ (SQS) in this JVM, and
 * dynalite (DynamoDB) as a node process. Used by the tests and by the local runner.
 */
public final class LoopbackServers implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    public static final String REGION = "us-east-2";

    /**
     * dynalite rethrows the error of a request whose connection closed before its body arrived,
     * which ends the process. That happens when node, busy, fires a kept-alive connection's idle
     * timeout just as a client reuses it (the JDK keeps connections as long as the server's
     * {@code Keep-Alive: timeout=5} allows); DynamoDB would drop that one request, so this does too.
     */
    private static final String ABORTED_REQUEST_GUARD = """
            process.on('uncaughtException', (err) => {
              if (err && err.code === 'ECONNRESET' && err.message === 'aborted') {
                console.error('dynalite: a client closed its connection mid-request; request dropped');
                return;
              }
              console.error(err);
              process.exit(1);
            });
            """;

    private final S3Proxy s3;
    private final SQSRestServer sqs;
    private final Process dynalite;
    private final AwsEndpoints endpoints;

    private LoopbackServers(S3Proxy s3, SQSRestServer sqs, Process dynalite, AwsEndpoints endpoints) {
        this.s3 = s3;
        this.sqs = sqs;
        this.dynalite = dynalite;
        this.endpoints = endpoints;
    }

    /**
     * Starts all three. With a data folder S3 objects and DynamoDB items persist under it;
     * without, S3 lives in memory and DynamoDB in dynalite's memory.
     *
     * @param toolsDir the folder {@code scripts/install-tools.sh} installed dynalite into
     */
    public static LoopbackServers start(Path toolsDir, Path dataDir, int s3Port) throws Exception {
        return start(toolsDir, dataDir, s3Port, UnaryOperator.identity(), List.of());
    }

    /**
     * Starts all three, with the S3 store wrapped by {@code storeDecorator} (the local runner
     * wraps it to emit S3 event notifications) and CORS allowing {@code corsOrigins} (exact
     * origins such as {@code http://127.0.0.1:8787}), so a page served from there can GET and PUT
     * presigned URLs as it would against the bucket's CORS rules in AWS.
     */
    public static LoopbackServers start(Path toolsDir, Path dataDir, int s3Port,
                                        UnaryOperator<BlobStore> storeDecorator, List<String> corsOrigins) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            BlobStore store;
            if (dataDir == null) {
                store = new TransientNio2BlobStore();
            } else {
                Files.createDirectories(dataDir.resolve("s3"));
                store = new FilesystemNio2BlobStore(dataDir.resolve("s3").toString());
            }
            S3Proxy.Builder builder = S3Proxy.builder().blobStore(storeDecorator.apply(store))
                    .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    // Archive parts (up to 512 MiB, ZIP_PART_SIZE_MB) are signed in one piece; S3Proxy caps such bodies lower by default.
                    .v4MaxNonChunkedRequestSize(1L << 30)
                    .ignoreUnknownHeaders(true);
            if (!corsOrigins.isEmpty()) builder.corsRules(cors(corsOrigins));
            S3Proxy s3 = builder.build();
            s3.start();
            started.add(s3::stop);
            while (!"STARTED".equals(s3.getState())) Thread.sleep(10);

            SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                    .withAWSRegion(REGION).start();
            started.add(sqs::stopAndWait);
            InetSocketAddress sqsAddress = sqs.waitUntilStarted().localAddress();

            int dynamoPort = freePort();
            Path cli = toolsDir.resolve("node_modules/dynalite/cli.js");
            if (!Files.exists(cli)) {
                throw new IllegalStateException("dynalite is not installed in " + toolsDir + ": run scripts/install-tools.sh " + toolsDir);
            }
            Path guard = Files.writeString(Files.createTempFile(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))),
                    "dynalite-guard", ".js"), ABORTED_REQUEST_GUARD);
            List<String> command = new ArrayList<>(List.of("node", "--require", guard.toString(), cli.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(dynamoPort), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
            if (dataDir != null) {
                Files.createDirectories(dataDir.resolve("dynamodb"));
                command.addAll(List.of("--path", dataDir.resolve("dynamodb").toString()));
            }
            Path log = Files.createTempFile(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "dynalite", ".log");
            Process dynalite = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            started.add(dynalite::destroy);
            awaitPort(dynamoPort, dynalite, log);

            AwsEndpoints endpoints = new AwsEndpoints(
                    URI.create("http://127.0.0.1:" + s3.getPort()),
                    URI.create("http://127.0.0.1:" + sqsAddress.getPort()),
                    URI.create("http://127.0.0.1:" + dynamoPort),
                    ACCESS_KEY, SECRET_KEY, REGION);
            return new LoopbackServers(s3, sqs, dynalite, endpoints);
        } catch (Exception e) {
            for (AutoCloseable c : started.reversed()) {
                try { c.close(); } catch (Exception suppressed) { e.addSuppressed(suppressed); }
            }
            throw e;
        }
    }

    public AwsEndpoints endpoints() { return endpoints; }

    /** The bucket CORS rule of Terraform (GET, HEAD, PUT; any header; ETag exposed), for the given origins. */
    private static CrossOriginResourceSharing cors(List<String> origins) {
        // S3Proxy reads origins as patterns; quote them so "127.0.0.1" matches only itself.
        List<String> patterns = origins.stream().map(Pattern::quote).toList();
        return new CrossOriginResourceSharing(patterns, List.of("GET", "HEAD", "PUT"), List.of("*"),
                List.of("ETag", "Content-Length", "Content-Type", "Content-Disposition"), "");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited: " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("dynalite did not listen on port " + port + " within 30 s");
    }

    @Override
    public void close() throws Exception {
        dynalite.destroy();
        if (!dynalite.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) dynalite.destroyForcibly();
        sqs.stopAndWait();
        s3.stop();
    }
}
