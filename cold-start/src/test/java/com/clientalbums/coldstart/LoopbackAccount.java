package com.clientalbums.coldstart;

import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.localaws.AwsEndpoints;
import com.clientalbums.localaws.AwsResources;
import com.clientalbums.localaws.LoopbackServers;
import com.clientalbums.localaws.ResourceNames;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS account the functions run against: the loopback servers with the bucket, tables and
 * queues as Terraform names them, a Cognito stand-in, and one album of photos granted to a client.
 * Gives each function its environment and the event of its first invocation.
 */
final class LoopbackAccount implements AutoCloseable {
    static final String ADMIN = "studio@cold-start.test";
    static final String CLIENT = "client@cold-start.test";
    static final String ALBUM = "cold-start";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackServers servers;
    private final TestIssuer issuer;
    private final ResourceNames names = ResourceNames.forProject("cold-start");
    private final AwsResources.Queues queues;
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final AlbumRepository albums;
    private final AtomicInteger builds = new AtomicInteger();
    private final LocalAws.GuestKey guestKey = LocalAws.GuestKey.create();
    /** Download links signed as deployed (CloudFront), so the start includes reading and parsing the key. */
    private final LocalAws.CloudFrontKey cloudFrontKey = LocalAws.CloudFrontKey.create();

    private LoopbackAccount(LoopbackServers servers, TestIssuer issuer) {
        this.servers = servers;
        this.issuer = issuer;
        AwsEndpoints endpoints = servers.endpoints();
        queues = AwsResources.create(endpoints, names, Duration.ofSeconds(30), 3);
        s3 = AwsResources.s3(endpoints);
        dynamo = AwsResources.dynamo(endpoints);
        albums = new AlbumRepository(dynamo, names.albumTable());
        register(ALBUM);
        new GrantRepository(dynamo, names.userAlbumTable()).grant(CLIENT, ALBUM, Instant.now());
    }

    /** Starts the servers (dynalite from {@code toolsDir}) and seeds the album. */
    static LoopbackAccount start(Path toolsDir) throws Exception {
        LoopbackServers servers = LoopbackServers.start(toolsDir, null, LoopbackServers.freePort());
        TestIssuer issuer = TestIssuer.start();
        try {
            return new LoopbackAccount(servers, issuer);
        } catch (RuntimeException e) {
            issuer.close();
            servers.close();
            throw e;
        }
    }

    /** What a deployed function is given: its settings, the region, and the endpoints and credentials of this account. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(names.environment(queues.queueUrl()));
        env.putAll(servers.endpoints().sdkEnvironment());
        env.putAll(issuer.env(ADMIN));
        env.put(Setting.GUEST_KEY_SOURCE.name(), guestKey.source());
        env.putAll(cloudFrontKey.env());
        return env;
    }

    /** {@code GET /albums} from the client, as API Gateway hands it over. */
    String clientAlbumsRequest() {
        return ApiEvents.get("/albums").routeKey("GET /albums").bearer(issuer.idToken(CLIENT)).json();
    }

    /** {@code GET /admin/albums} from the photographer. */
    String adminAlbumsRequest() {
        return ApiEvents.get("/admin/albums").routeKey("GET /admin/albums").bearer(issuer.adminToken(ADMIN)).json();
    }

    /** An SQS batch asking for a build of a newly registered album (a new one each call, so each start builds). */
    String buildRequestBatch() {
        String albumId = nextBuildAlbum();
        ObjectNode record = JSON.createObjectNode()
                .put("messageId", java.util.UUID.randomUUID().toString())
                .put("receiptHandle", "cold-start-receipt")
                .put("body", "{\"album_id\":\"" + albumId + "\",\"source\":\"registration\",\"force\":false}")
                .put("md5OfBody", "")
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:" + LoopbackServers.REGION + ":123456789012:" + names.queue())
                .put("awsRegion", LoopbackServers.REGION);
        record.putObject("attributes").put("ApproximateReceiveCount", "1")
                .put("SentTimestamp", Long.toString(System.currentTimeMillis()));
        record.putObject("messageAttributes");
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("Records").add(record);
        return batch.toString();
    }

    /** The album the last {@link #buildRequestBatch()} asked to build. */
    String lastBuildAlbum() {
        return "cold-start-build-" + builds.get();
    }

    private String nextBuildAlbum() {
        String albumId = "cold-start-build-" + builds.incrementAndGet();
        register(albumId);
        return albumId;
    }

    /** EventBridge's daily schedule firing. */
    String scheduledEvent() {
        ObjectNode event = JSON.createObjectNode()
                .put("version", "0")
                .put("id", java.util.UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", "123456789012")
                .put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .put("region", LoopbackServers.REGION);
        event.putArray("resources").add("arn:aws:events:" + LoopbackServers.REGION + ":123456789012:rule/cold-start-daily");
        event.putObject("detail");
        return event.toString();
    }

    AlbumRepository albums() {
        return albums;
    }

    /** Uploads six small photos and registers the album as the admin API does (a build is requested). */
    private void register(String albumId) {
        Random random = new Random(albumId.hashCode());
        for (int i = 1; i <= 6; i++) {
            byte[] photo = new byte[50_000 + random.nextInt(50_000)];
            random.nextBytes(photo);
            String path = "IMG_%04d.jpg".formatted(i);
            s3.putObject(r -> r.bucket(names.bucket()).key(S3Keys.photoKey(albumId, path)), RequestBody.fromBytes(photo));
        }
        List<PhotoObject> listed = new PhotoListing(s3, names.bucket()).list(albumId);
        if (!albums.register(albumId, "Album " + albumId, ADMIN, listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now())) {
            throw new IllegalStateException("album " + albumId + " already registered");
        }
    }

    @Override
    public void close() throws Exception {
        s3.close();
        dynamo.close();
        issuer.close();
        servers.close();
        guestKey.close();
        cloudFrontKey.close();
    }
}
