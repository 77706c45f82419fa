package com.clientalbums.testing;

import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.localaws.AwsEndpoints;
import com.clientalbums.localaws.AwsResources;
import com.clientalbums.localaws.LoopbackServers;
import com.clientalbums.localaws.ResourceNames;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * JUnit 5 extension giving a test class real AWS APIs on loopback: S3Proxy, ElasticMQ and
 * dynalite, started once per test JVM, with a bucket, tables and queues of the class's own
 * (unique names, so classes never see each other's data).
 *
 * <pre>
 *   &#64;RegisterExtension static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(2));
 * </pre>
 *
 * With {@code -Dalbums.aws=localstack} (the Maven profile {@code localstack}) the same suites run
 * against LocalStack in Docker through Testcontainers instead.
 */
public final class LocalAws implements BeforeAllCallback {
    private Duration visibilityTimeout = Duration.ofSeconds(30);
    private AwsEndpoints endpoints;
    private ResourceNames names;
    private AwsResources.Queues queues;
    private AwsClients clients;
    private Path guestKeyFile;

    private LocalAws() {}

    public static LocalAws create() { return new LocalAws(); }

    /** How long a received message stays hidden before SQS delivers it again. */
    public LocalAws visibilityTimeout(Duration timeout) {
        this.visibilityTimeout = timeout;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        endpoints = root.computeIfAbsent(Backend.class, k -> Backend.start(), Backend.class).endpoints;
        guestKeyFile = root.computeIfAbsent(GuestKey.class, k -> GuestKey.create(), GuestKey.class).file;
        names = ResourceNames.forProject("t" + UUID.randomUUID().toString().substring(0, 8));
        queues = AwsResources.create(endpoints, names, visibilityTimeout, 3);
        clients = AwsClients.create(endpoints.region(), env());
        context.getStore(ExtensionContext.Namespace.create(LocalAws.class, this))
                .put("clients", (AutoCloseable) clients::close);
    }

    /**
     * The environment a function would be given here: names, queue URL, endpoints, credentials, and
     * the guest-session key as a file (the local runner's way; in AWS it is an SSM SecureString).
     */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>(names.environment(queues.queueUrl()));
        env.putAll(endpoints.sdkEnvironment());
        env.put(Setting.GUEST_KEY_SOURCE.name(), "file:" + guestKeyFile);
        // Presigned S3 links, as the local runner gives (no distribution here).
        env.put(Setting.DOWNLOAD_LINKS.name(), "s3");
        return env;
    }

    /** Settings for a function, with overrides (e.g. short leases) on top of {@link #env()}. */
    public Settings settings(Set<Setting> declared, Map<String, String> overrides) {
        Map<String, String> env = env();
        env.putAll(overrides);
        return Settings.from(declared, env);
    }

    public AwsClients clients() { return clients; }

    public AwsEndpoints endpoints() { return endpoints; }

    public ResourceNames names() { return names; }

    public String queueUrl() { return queues.queueUrl(); }

    public String deadLetterQueueUrl() { return queues.deadLetterQueueUrl(); }

    /** One guest-session key per test JVM: 32 random bytes, base64url, in an owner-only temporary file. */
    public static final class GuestKey implements AutoCloseable {
        final Path file;

        private GuestKey(Path file) { this.file = file; }

        /** {@code file:…}, the value of {@code GUEST_KEY_SOURCE} that names this key. */
        public String source() { return "file:" + file; }

        public static GuestKey create() {
            try {
                Path dir = Files.createTempDirectory("albums-guest-key");
                Path file = dir.resolve("guest-key");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
                return new GuestKey(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write a guest-session key", e);
            }
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    /**
     * A CloudFront signing key pair for a test or a benchmark that runs the deployed
     * configuration ({@code DOWNLOAD_LINKS=cloudfront}): RSA 2048, its private key as PKCS#8 PEM
     * in an owner-only temporary file; {@link #publicKey()} verifies the links.
     */
    public static final class CloudFrontKey implements AutoCloseable {
        public static final String DOMAIN = "d111111abcdef8.cloudfront.net";
        public static final String KEY_PAIR_ID = "K2JCJMDEHXQW5F";

        private final Path file;
        private final PublicKey publicKey;

        private CloudFrontKey(Path file, PublicKey publicKey) {
            this.file = file;
            this.publicKey = publicKey;
        }

        public static CloudFrontKey create() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path dir = Files.createTempDirectory("albums-cloudfront-key");
                Path file = dir.resolve("cloudfront-key.pem");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
                return new CloudFrontKey(file, pair.getPublic());
            } catch (IOException e) {
                throw new UncheckedIOException("could not write a CloudFront signing key", e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public PublicKey publicKey() { return publicKey; }

        /** The settings that make a function sign download links with this key. */
        public Map<String, String> env() {
            return Map.of(Setting.DOWNLOAD_LINKS.name(), "cloudfront", Setting.CLOUDFRONT_DOMAIN.name(), DOMAIN,
                    Setting.CLOUDFRONT_KEY_PAIR_ID.name(), KEY_PAIR_ID, Setting.CLOUDFRONT_KEY_SOURCE.name(), "file:" + file);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    /** The servers of one test JVM, closed by JUnit when the run ends. */
    static final class Backend implements AutoCloseable {
        final AwsEndpoints endpoints;
        private final AutoCloseable servers;

        private Backend(AwsEndpoints endpoints, AutoCloseable servers) {
            this.endpoints = endpoints;
            this.servers = servers;
        }

        static Backend start() {
            try {
                if ("localstack".equals(System.getProperty("albums.aws"))) return startLocalStack();
                System.setProperty("aws.accessKeyId", LoopbackServers.ACCESS_KEY);
                System.setProperty("aws.secretAccessKey", LoopbackServers.SECRET_KEY);
                LoopbackServers servers = LoopbackServers.start(toolsDir(), null, LoopbackServers.freePort());
                return new Backend(servers.endpoints(), servers);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the local AWS servers: " + e.getMessage(), e);
            }
        }

        private static Backend startLocalStack() {
            LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4"))
                    .withServices("s3", "sqs", "dynamodb");
            localstack.start();
            URI endpoint = localstack.getEndpoint();
            System.setProperty("aws.accessKeyId", localstack.getAccessKey());
            System.setProperty("aws.secretAccessKey", localstack.getSecretKey());
            return new Backend(new AwsEndpoints(endpoint, endpoint, endpoint, localstack.getAccessKey(),
                    localstack.getSecretKey(), localstack.getRegion()), localstack::stop);
        }

        private static Path toolsDir() {
            String dir = System.getProperty("tools.dir");
            return dir != null ? Path.of(dir) : Path.of("target/tools");
        }

        @Override
        public void close() throws Exception {
            servers.close();
        }
    }
}
