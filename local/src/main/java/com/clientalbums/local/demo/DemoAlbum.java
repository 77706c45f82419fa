package com.clientalbums.local.demo;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.auth.LocalAccounts;
import com.clientalbums.local.auth.LocalCognito;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * {@code --demo}: two accounts, an album {@code demo} ("Demo Wedding") of 60 generated photos in
 * {@code Ceremony/} and {@code Reception/} (about 20 MiB with their grain: five parts or more with
 * {@code ZIP_SPLIT_SIZE_MB=5}), registered and granted through the admin API with an
 * admin token, so its archive is queued and built the way a real album's is. Safe to repeat:
 * existing photos are not uploaded again, an existing album (409) and grant are left as they are.
 */
public final class DemoAlbum {
    public static final String ALBUM_ID = "demo";
    public static final String ALBUM_NAME = "Demo Wedding";
    public static final String ADMIN_EMAIL = "admin@demo.test";
    public static final String CLIENT_EMAIL = "client@demo.test";
    public static final String CLIENT_NAME = "Demo client";
    public static final int PHOTOS = 60;
    /** Film grain of the demo photos ({@link DemoPhotos#jpeg(int, String, int)}): camera-like sizes, so the album is big enough to cut into parts. */
    static final int GRAIN = 6;
    private static final Logger LOG = LoggerFactory.getLogger(DemoAlbum.class);

    /** A demo photo: its path in the album and its number. */
    public record Photo(String path, int number) {
        public String key() { return S3Keys.photoKey(ALBUM_ID, path); }
    }

    /** The 60 photos: 1-30 in Ceremony/, 31-60 in Reception/. */
    public static List<Photo> photos() {
        List<Photo> photos = new ArrayList<>();
        for (int i = 1; i <= PHOTOS; i++) {
            String folder = i <= PHOTOS / 2 ? "Ceremony" : "Reception";
            photos.add(new Photo(folder + "/IMG_" + String.format("%04d", i) + ".jpg", i));
        }
        return photos;
    }

    public static byte[] bytes(Photo photo) {
        String folder = photo.path().substring(0, photo.path().indexOf('/'));
        return DemoPhotos.jpeg(photo.number(), ALBUM_NAME + " - " + folder + " - photo " + photo.number(), GRAIN);
    }

    private DemoAlbum() {}

    /** Sets everything up; returns a line per problem (empty when the demo is fully in place). */
    public static List<String> ensure(LocalCognito cognito, String password, S3Client s3, String bucket, URI apiUrl)
            throws Exception {
        cognito.accounts().put(ADMIN_EMAIL, "Studio admin", Set.of(LocalAccounts.ADMIN_GROUP), password);
        cognito.accounts().put(CLIENT_EMAIL, CLIENT_NAME, Set.of(), password);
        int uploaded = uploadMissingPhotos(s3, bucket);
        if (uploaded > 0) LOG.info("demo: uploaded {} photos to s3://{}/{}", uploaded, bucket, S3Keys.photosPrefix(ALBUM_ID));

        List<String> problems = new ArrayList<>();
        String token = cognito.idToken(cognito.accounts().find(ADMIN_EMAIL).orElseThrow());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var created = call(http, token, "POST", apiUrl.resolve("api/admin/albums"),
                "{\"album_id\":\"" + ALBUM_ID + "\",\"name\":\"" + ALBUM_NAME + "\"}");
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            problems.add("registering the demo album: HTTP " + created.statusCode() + " " + created.body());
        }
        // The studio's client row, with the client's name (the account itself exists already,
        // which POST /admin/users accepts). 409: the row is there from an earlier start.
        var client = call(http, token, "POST", apiUrl.resolve("api/admin/users"),
                "{\"email\":\"" + CLIENT_EMAIL + "\",\"name\":\"" + CLIENT_NAME + "\"}");
        if (client.statusCode() != 201 && client.statusCode() != 409) {
            problems.add("adding the demo client to the studio: HTTP " + client.statusCode() + " " + client.body());
        }
        var granted = call(http, token, "PUT", apiUrl.resolve("api/admin/albums/" + ALBUM_ID + "/users/" + CLIENT_EMAIL), null);
        if (granted.statusCode() / 100 != 2) {
            problems.add("granting the demo album to " + CLIENT_EMAIL + ": HTTP " + granted.statusCode() + " " + granted.body());
        }
        return problems;
    }

    private static int uploadMissingPhotos(S3Client s3, String bucket) throws Exception {
        Set<String> present = s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(S3Keys.photosPrefix(ALBUM_ID)))
                .contents().stream().map(S3Object::key).collect(Collectors.toSet());
        List<Photo> missing = photos().stream().filter(p -> !present.contains(p.key())).toList();
        if (missing.isEmpty()) return 0;
        // Drawing and encoding is most of the work: use the cores, not more.
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            List<Future<?>> done = new ArrayList<>();
            for (Photo p : missing) {
                done.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(p.key()).contentType("image/jpeg"),
                        RequestBody.fromBytes(bytes(p)))));
            }
            for (Future<?> f : done) f.get();
        }
        return missing.size();
    }

    private static HttpResponse<String> call(HttpClient http, String token, String method, URI uri, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
