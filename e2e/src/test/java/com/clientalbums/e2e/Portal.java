package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.LocalRunner;
import com.clientalbums.local.RunnerConfig;
import com.clientalbums.local.demo.DemoAlbum;
import com.clientalbums.local.lambda.Lambdas;
import com.clientalbums.local.lambda.RealLambdas;
import com.clientalbums.localaws.AwsResources;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.handler.GeneratorServices;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The system under test: one local runner for the whole browser suite, started in-process as
 * {@code scripts/run-local.sh --demo} starts it (the real handlers; any free ports; a data
 * folder under target/), with the demo album built and its previews made before any test
 * looks. The generator is the deployed handler, with its photo source wrapped in
 * {@link HeldBuilds} so a test can hold a build. Also the photographer's side by API, for test
 * set-up that is not what the test is about.
 */
final class Portal implements AutoCloseable {
    static final String PASSWORD = "e2e-Demo-passw0rd";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final LocalRunner runner;
    final HeldBuilds builds;
    final S3Client s3;
    final String bucket;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private Portal(LocalRunner runner, HeldBuilds builds) {
        this.runner = runner;
        this.builds = builds;
        this.s3 = AwsResources.s3(runner.endpoints());
        this.bucket = runner.names().bucket();
    }

    static Portal start() throws Exception {
        return start("runner-data", Map.of());
    }

    /**
     * A runner of its own, for a test that needs the functions configured otherwise.
     *
     * @param dataName    its data folder under target/
     * @param environment function settings on top of the suite's (e.g. a short PRESIGNED_URL_EXPIRY)
     */
    static Portal start(String dataName, Map<String, String> environment) throws Exception {
        Path site = E2e.root().resolve("frontend/dist");
        if (!Files.isRegularFile(site.resolve("index.html")) || !Files.isRegularFile(site.resolve("album/index.html"))) {
            throw new IllegalStateException("The front end is not built: " + site + " has no index.html. The frontend module "
                    + "builds it (./mvnw -B -pl e2e -am install), or: (cd frontend && npm ci && npm run build)");
        }
        Path data = E2e.out().resolve(dataName);
        deleteTree(data);
        HeldBuilds held = new HeldBuilds();
        RunnerConfig config = RunnerConfig.defaults(E2e.root())
                .withPort(0).withS3Port(0)
                .withDataDir(data)
                .withToolsDir(Path.of(System.getProperty("tools.dir", E2e.root().resolve("target/tools").toString())))
                .withSiteDir(site)
                .withPolling(Duration.ofSeconds(1), Duration.ZERO)
                .withMaintenanceEvery(Duration.ofHours(1))
                .withDemo(true, PASSWORD)
                // A lease of 6 s: the generator reports progress every quarter lease (AWS: 120 s → 30 s),
                // often enough for a person watching "Preparing… N of M" in a build of a few seconds.
                .withEnvironment(withSuiteSettings(environment))
                .withLambdas(generatorThrough(held));
        LocalRunner runner = LocalRunner.start(config);
        Portal portal = new Portal(runner, held);
        try {
            if (!runner.demoProblems().isEmpty()) throw new IllegalStateException("demo set-up: " + runner.demoProblems());
            // The gallery and the download tests need the demo as a client first meets it: built, with previews.
            portal.awaitArchiveReady(DemoAlbum.ALBUM_ID, Duration.ofSeconds(120));
            portal.awaitPreviews(DemoAlbum.ALBUM_ID, DemoAlbum.PHOTOS, Duration.ofSeconds(120));
            return portal;
        } catch (Exception e) {
            portal.close();
            throw e;
        }
    }

    private static Map<String, String> withSuiteSettings(Map<String, String> environment) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("ZIP_QUIET_SECONDS", "2", "ZIP_LEASE_SECONDS", "6"));
        all.putAll(environment);
        return all;
    }

    /** The deployed handlers; the generator built as its (Settings, AwsClients) constructor builds it, but reading photos through {@code held}. */
    private static Lambdas.Factory generatorThrough(HeldBuilds held) {
        return env -> {
            Lambdas real = new RealLambdas().create(env);
            var settings = env.settings(ZipGeneratorHandler.SETTINGS);
            var clients = env.clients();
            var generator = GeneratorServices.from(settings, clients, ArchiveBuildService.Timing.from(settings),
                    held.around(new S3PhotoSource(clients.s3(), settings.bucket())));
            return new Lambdas(real.clientApi(), real.adminApi(), new ZipGeneratorHandler(generator), real.maintenance());
        };
    }

    URI url(String path) {
        return runner.url().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    // ---- The API, for set-up and checks --------------------------------------------------

    String token(String email) {
        return tokens.computeIfAbsent(email, e -> {
            try {
                var answer = send("POST", url("/local-auth/token"), null,
                        JSON.writeValueAsString(Map.of("email", e, "password", PASSWORD)));
                return answer.path("id_token").asText();
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    String adminToken() { return token(DemoAlbum.ADMIN_EMAIL); }

    JsonNode api(String method, String path, String token, Object body) throws IOException {
        return send(method, url("/api" + path), token, body == null ? null : JSON.writeValueAsString(body));
    }

    void registerAlbum(String albumId, String name) throws IOException {
        api("POST", "/admin/albums", adminToken(), Map.of("album_id", albumId, "name", name));
    }

    void createClient(String email, String name) throws IOException {
        api("POST", "/admin/users", adminToken(), Map.of("email", email, "name", name));
    }

    void grant(String albumId, String email) throws IOException {
        api("PUT", "/admin/albums/" + albumId + "/users/" + URLEncoder.encode(email, StandardCharsets.UTF_8), adminToken(), null);
    }

    /** A grant with what the client may download ({@code none}, {@code web}, {@code original}, {@code both}). */
    void grant(String albumId, String email, String downloads) throws IOException {
        api("PUT", "/admin/albums/" + albumId + "/users/" + URLEncoder.encode(email, StandardCharsets.UTF_8), adminToken(),
                Map.of("downloads", downloads));
    }

    /** A client's favourites set by API (test set-up, not what a test is about). */
    void favour(String albumId, String email, List<String> paths) throws IOException {
        api("POST", "/albums/" + albumId + "/favourites", token(email), Map.of("paths", paths, "favourite", true));
    }

    JsonNode archive(String albumId) throws IOException {
        return api("GET", "/admin/albums/" + albumId + "/zip", adminToken(), null);
    }

    /** The photographer's "Rebuild archive", by API. */
    JsonNode forceRebuild(String albumId) throws IOException {
        return api("POST", "/admin/albums/" + albumId + "/zip", adminToken(), null);
    }

    /** An API answer whatever its status: for requests a test expects to be refused. */
    record Answer(int status, JsonNode body) {
        /** The API's error code ({@code {"error": {"code": …}}}), or "" for an answer without one. */
        String code() {
            return body.path("error").path("code").asText("");
        }
    }

    /** A hand-made request to the API, as anyone holding {@code token} could send it. */
    Answer call(String method, String path, String token) throws IOException {
        return call(method, path, token, null);
    }

    /** The same with a JSON body (none for null). */
    Answer call(String method, String path, String token, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/api" + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json;
            try {
                json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (IOException notJson) {
                json = JSON.createObjectNode().put("text", text);
            }
            return new Answer(response.statusCode(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode send(String method, URI uri, String token, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (json != null) request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        else request.method(method, HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(method + " " + uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    // ---- S3 -----------------------------------------------------------------------------

    void putPhoto(String albumId, String path, byte[] jpeg) {
        s3.putObject(b -> b.bucket(bucket).key(S3Keys.photoKey(albumId, path)).contentType("image/jpeg"), RequestBody.fromBytes(jpeg));
    }

    List<S3Object> photos(String albumId) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(S3Keys.photosPrefix(albumId))).contents().stream().toList();
    }

    byte[] bytes(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    long previewCount(String albumId, PreviewSize size) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PreviewKeys.sizePrefix(albumId, size)))
                .contents().stream().count();
    }

    // ---- Waiting ------------------------------------------------------------------------

    void awaitArchiveReady(String albumId, Duration limit) throws Exception {
        String[] last = {""};
        await("the archive of " + albumId + " to be ready", limit, () -> {
            try {
                JsonNode a = archive(albumId);
                last[0] = a.toString();
                return a.path("status").asText().equals("ready") && !a.path("stale").asBoolean();
            } catch (IOException e) {
                last[0] = e.getMessage();
                return false;
            }
        }, () -> last[0]);
    }

    void awaitPreviews(String albumId, int photos, Duration limit) throws Exception {
        await(photos + " thumbnails and previews of " + albumId, limit,
                () -> previewCount(albumId, PreviewSize.THUMB) >= photos && previewCount(albumId, PreviewSize.PREVIEW) >= photos,
                () -> previewCount(albumId, PreviewSize.THUMB) + " thumbnails, " + previewCount(albumId, PreviewSize.PREVIEW) + " previews");
    }

    static void await(String what, Duration limit, BooleanSupplier done, Supplier<String> state) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what + "; last: " + state.get());
            Thread.sleep(250);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Override
    public void close() {
        s3.close();
        runner.close();
    }
}
