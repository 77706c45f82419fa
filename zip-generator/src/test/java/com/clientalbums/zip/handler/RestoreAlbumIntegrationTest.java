package com.clientalbums.zip.handler;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SharedRules;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

import java.awt.Color;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Originals can be recovered: in a bucket that keeps versions (S3Mock on loopback, the generator's
 * queue and table on ElasticMQ and dynalite), {@code scripts/restore-album.sh} brings a deleted or
 * replaced photo back with its original bytes and keeps the history, and the album's archive
 * follows through the real generator. S3Mock sends no event notifications: each test sends the
 * one S3 sends for what it just did, in S3's own format. S3Mock still lists a key whose latest
 * version is a delete marker, so the generator's side of a delete (its delete-marker event) is
 * tested against S3Proxy, in {@code PhotoEventsIntegrationTest}.
 */
class RestoreAlbumIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Path SCRIPT = SharedRules.repositoryRoot().resolve("scripts/restore-album.sh");
    static final ArchiveBuildService.Timing TIMING = new ArchiveBuildService.Timing(
            Duration.ofSeconds(2), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));

    static VersionedS3 s3;
    static AwsClients clients;
    static Map<String, String> env;
    static String bucket;
    static AlbumRepository albums;
    static SqsLambdaDriver generator;

    @BeforeAll
    static void start() throws Exception {
        requireAwsCli();
        s3 = VersionedS3.start();
        env = new HashMap<>(aws.env());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        clients = AwsClients.create(aws.endpoints().region(), env);
        bucket = aws.names().bucket();
        clients.s3().createBucket(r -> r.bucket(bucket));
        clients.s3().putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        Map<String, String> functionEnv = new HashMap<>(env);
        functionEnv.putAll(Map.of("ZIP_PART_SIZE_MB", "5", "ZIP_MEMORY_BUDGET_MB", "40"));
        Settings settings = Settings.from(ZipGeneratorHandler.SETTINGS, functionEnv);
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(),
                new ZipGeneratorHandler(GeneratorServices.from(settings, clients, TIMING)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) clients.close();
        if (s3 != null) s3.close();
    }

    @Test
    void aPhotoDeletedByMistakeComesBackWithItsOriginalBytesAndTheHistoryStays() throws Exception {
        String albumId = "deleted-by-mistake";
        Map<String, byte[]> photos = new TreeMap<>();
        for (int i = 1; i <= 3; i++) photos.put("Ceremony/IMG_" + i + ".jpg", PhotoBucket.jpeg(70 + i, 50, new Color(30 * i, 120, 80)));
        photos.forEach((path, bytes) -> put(albumId, path, bytes));
        String lost = "Ceremony/IMG_2.jpg";
        String key = S3Keys.photoKey(albumId, lost);
        var deleted = clients.s3().deleteObject(r -> r.bucket(bucket).key(key));
        assertTrue(deleted.deleteMarker(), "a DELETE in a versioned bucket leaves a delete marker");

        Run dryRun = restore(albumId, "--dry-run");
        assertEquals(0, dryRun.exit(), dryRun.stderr());
        assertTrue(dryRun.stderr().contains("would restore " + lost), dryRun.stderr());
        assertTrue(dryRun.stderr().contains("1 photo(s)"), dryRun.stderr());
        assertEquals(1, versionsOf(key).deleteMarkers().size());
        assertTrue(versionsOf(key).deleteMarkers().get(0).isLatest(), "a dry run writes nothing");

        Run run = restore(albumId);
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("restored " + lost), run.stderr());
        assertEquals(sha256(photos.get(lost)), sha256(object(albumId, lost)));
        assertEquals("image/jpeg", clients.s3().headObject(r -> r.bucket(bucket).key(key)).contentType());
        // History is kept: the original version and the delete marker stay, under a new current version.
        ListObjectVersionsResponse versions = versionsOf(key);
        assertEquals(2, versions.versions().size(), versions.toString());
        assertEquals(1, versions.deleteMarkers().size(), versions.toString());
        assertFalse(versions.deleteMarkers().get(0).isLatest());
        for (String other : List.of("Ceremony/IMG_1.jpg", "Ceremony/IMG_3.jpg")) {
            assertEquals(1, versionsOf(S3Keys.photoKey(albumId, other)).versions().size(), other + " was not touched");
        }
        assertEquals("restore-album.sh: nothing to restore: no photo of album " + albumId + " is deleted (or its old version has expired)",
                restore(albumId).stderr().strip());
    }

    @Test
    void aPhotoReplacedByMistakeComesBackWithBeforeAndTheArchiveFollowsWhileLaterAdditionsStay() throws Exception {
        String albumId = "replaced-by-mistake";
        Map<String, byte[]> photos = new TreeMap<>();
        for (int i = 1; i <= 3; i++) photos.put("Portraits/IMG_" + i + ".jpg", PhotoBucket.jpeg(80 + i, 60, new Color(40 * i, 60, 140)));
        photos.forEach((path, bytes) -> put(albumId, path, bytes));
        List<PhotoObject> listed = new PhotoListing(clients.s3(), bucket).list(albumId);
        assertTrue(albums.register(albumId, "Album", "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(albumId);
        assertArchiveHolds(runUntil(albumId, Album::archiveCurrent), photos);

        Thread.sleep(1100);
        Instant then = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(1100);
        // An edit exported over the original by mistake, and a photo added afterwards on purpose.
        Map<String, byte[]> mistaken = new TreeMap<>(photos);
        mistaken.put("Portraits/IMG_2.jpg", PhotoBucket.jpeg(82, 60, Color.BLACK));
        mistaken.put("Portraits/IMG_4.jpg", PhotoBucket.jpeg(50, 50, Color.GREEN));
        for (String path : List.of("Portraits/IMG_2.jpg", "Portraits/IMG_4.jpg")) {
            put(albumId, path, mistaken.get(path));
            sendCreated(albumId, path);
        }
        Album afterMistake = runUntil(albumId, a -> a.archiveCurrent() && a.photoCount() == 4 && a.builds().size() >= 2);
        assertArchiveHolds(afterMistake, mistaken);

        Run dryRun = restore(albumId, "--before", then.toString(), "--dry-run");
        assertEquals(0, dryRun.exit(), dryRun.stderr());
        assertTrue(dryRun.stderr().contains("would restore Portraits/IMG_2.jpg"), dryRun.stderr());
        assertTrue(dryRun.stderr().contains("1 photo(s)"), dryRun.stderr());

        Run run = restore(albumId, "--before", then.toString());
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("restored Portraits/IMG_2.jpg"), run.stderr());
        assertEquals(3, versionsOf(S3Keys.photoKey(albumId, "Portraits/IMG_2.jpg")).versions().size(), "the mistaken version is kept too");

        // The restore is a PUT: S3 sends ObjectCreated for it, and the archive follows.
        sendCreated(albumId, "Portraits/IMG_2.jpg");
        Map<String, byte[]> restored = new TreeMap<>(mistaken);
        restored.put("Portraits/IMG_2.jpg", photos.get("Portraits/IMG_2.jpg"));
        int builds = afterMistake.builds().size();
        assertArchiveHolds(runUntil(albumId, a -> a.archiveCurrent() && a.builds().size() > builds), restored);
    }

    @Test
    void namesWithSpacesPlusSignsTabsAndAccentsComeBackAcrossListingPages() throws Exception {
        String albumId = "awkward-names";
        Map<String, byte[]> photos = new TreeMap<>();
        List<String> names = List.of("a b.jpg", "a+b.jpg", "a\tb.jpg", "Café/写真.jpg", "z.jpg");
        for (int i = 0; i < names.size(); i++) photos.put(names.get(i), PhotoBucket.jpeg(40 + i, 30, new Color(50 * i, 30, 90)));
        photos.forEach((path, bytes) -> {
            put(albumId, path, bytes);
            clients.s3().deleteObject(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, path)));
        });

        // One key's entries per page: every page boundary falls on a name S3 has to URL-encode.
        Run run = restore(Map.of("RESTORE_ALBUM_PAGE_SIZE", "1"), albumId);
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("restoring 5 photo(s)"), run.stderr());
        assertTrue(run.stderr().contains("restored a\\tb.jpg"), "a tab is shown, not acted out: " + run.stderr());
        for (var photo : photos.entrySet()) {
            assertEquals(sha256(photo.getValue()), sha256(object(albumId, photo.getKey())), photo.getKey());
        }
    }

    @Test
    void hostileAlbumIdsAndBadTimesAreRefusedBeforeAnythingIsRead() throws Exception {
        for (String id : List.of("../other", "a/../../b", "Wedding", "-rf", "ab", "a b")) {
            Run run = restore(id);
            assertEquals(2, run.exit(), id + ": " + run.stderr());
            assertTrue(run.stderr().contains("invalid album id"), run.stderr());
        }
        for (String time : List.of("yesterday", "2026-06-01T14:30:00+02:00", "2026-13-01$(id)")) {
            Run run = restore("some-album", "--before", time);
            assertEquals(2, run.exit(), time + ": " + run.stderr());
            assertTrue(run.stderr().contains("is not a UTC time"), run.stderr());
        }
    }

    @Test
    void aBucketThatKeepsNoVersionsIsRefusedWithTheReason() throws Exception {
        String plain = bucket + "-plain";
        clients.s3().createBucket(r -> r.bucket(plain));
        Run run = restore(Map.of("CLIENT_ALBUMS_BUCKET", plain), "some-album");
        assertEquals(1, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("versioning is not enabled on s3://" + plain), run.stderr());
    }

    // ---- helpers ----

    private static void put(String albumId, String path, byte[] bytes) {
        clients.s3().putObject(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, path)).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
    }

    private static ListObjectVersionsResponse versionsOf(String key) {
        return clients.s3().listObjectVersions(r -> r.bucket(bucket).prefix(key));
    }

    /** The notification S3 sends for a PUT of the photo as it is now. */
    private static void sendCreated(String albumId, String path) {
        String key = S3Keys.photoKey(albumId, path);
        var head = clients.s3().headObject(r -> r.bucket(bucket).key(key));
        send(objectCreated(key, head.contentLength(), head.eTag(), head.versionId()));
    }

    private static byte[] object(String albumId, String path) {
        return clients.s3().getObjectAsBytes(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, path))).asByteArray();
    }

    private static Album runUntil(String albumId, Predicate<Album> done) {
        return generator.pollUntil(() -> albums.find(albumId).orElseThrow(), done, Duration.ofSeconds(40));
    }

    private static void assertArchiveHolds(Album album, Map<String, byte[]> photos) throws Exception {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), album.albumId(), ".zip");
        try {
            Files.write(file, clients.s3().getObjectAsBytes(r -> r.bucket(bucket).key(album.zipKey())).asByteArray());
            try (ZipFile zip = new ZipFile(file.toFile())) {
                assertEquals(photos.size(), zip.size(), "entries of " + album.zipKey());
                for (var e : photos.entrySet()) {
                    var entry = zip.getEntry(e.getKey());
                    assertTrue(entry != null, "archive lacks " + e.getKey());
                    try (var in = zip.getInputStream(entry)) {
                        assertEquals(sha256(e.getValue()), sha256(in.readAllBytes()), e.getKey());
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void send(String body) {
        aws.clients().sqs().sendMessage(r -> r.queueUrl(aws.queueUrl()).messageBody(body));
    }

    private static String objectCreated(String key, long size, String eTag, String versionId) {
        return record("ObjectCreated:Put", "\"key\":\"" + eventKey(key) + "\",\"size\":" + size + ",\"eTag\":\"" + eTag.replace("\"", "")
                + "\",\"versionId\":\"" + versionId + "\"");
    }

    private static String record(String eventName, String object) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"%s","eventTime":"%s","eventName":"%s",\
                "userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},\
                "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},\
                "s3":{"s3SchemaVersion":"1.0","configurationId":"album-photo-changes","bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},\
                "arn":"arn:aws:s3:::%s"},"object":{%s,"sequencer":"%s"}}}]}"""
                .formatted(aws.endpoints().region(), Instant.now(), eventName, bucket, bucket, object, Long.toHexString(System.nanoTime()));
    }

    /** S3 form-encodes keys in notifications. */
    private static String eventKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private record Run(int exit, String stdout, String stderr) {}

    private static Run restore(String... args) throws Exception {
        return restore(Map.of(), args);
    }

    private static Run restore(Map<String, String> extraEnv, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().addAll(List.of("bash", SCRIPT.toString()));
        builder.command().addAll(List.of(args));
        builder.environment().putAll(Map.of(
                "CLIENT_ALBUMS_BUCKET", bucket,
                "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", aws.endpoints().accessKey(),
                "AWS_SECRET_ACCESS_KEY", aws.endpoints().secretKey(),
                "AWS_DEFAULT_REGION", aws.endpoints().region(),
                "AWS_REGION", aws.endpoints().region()));
        builder.environment().remove("LOCAL_ENV");
        builder.environment().putAll(extraEnv);
        Path out = Files.createTempFile("restore", ".out");
        Path err = Files.createTempFile("restore", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("restore-album.sh did not finish: " + List.of(args));
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void requireAwsCli() {
        boolean installed = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aws")));
        if (installed) return;
        String message = "the aws CLI is not installed (Debian package awscli)";
        if (System.getenv("CI") != null) fail(message + "; CI must install it");
        Assumptions.abort(message + "; skipping the restore script's runs");
    }
}
