package com.clientalbums.local;

import com.clientalbums.common.config.Setting;
import com.clientalbums.local.auth.GuestKey;
import com.clientalbums.local.auth.LocalAccountDirectory;
import com.clientalbums.local.auth.LocalCognito;
import com.clientalbums.local.auth.OwnerOnlyFiles;
import com.clientalbums.local.demo.DemoAlbum;
import com.clientalbums.local.events.S3EventEmitter;
import com.clientalbums.local.http.ApiGatewayBridge;
import com.clientalbums.local.http.Exchanges;
import com.clientalbums.local.http.HttpFront;
import com.clientalbums.local.http.LocalAuthRoutes;
import com.clientalbums.local.http.MaintenanceRoute;
import com.clientalbums.local.http.RouteTable;
import com.clientalbums.local.http.StaticSite;
import com.clientalbums.local.lambda.FunctionEnvironment;
import com.clientalbums.local.lambda.Lambdas;
import com.clientalbums.local.lambda.LocalFunction;
import com.clientalbums.local.lambda.MaintenanceSchedule;
import com.clientalbums.local.lambda.SqsPoller;
import com.clientalbums.local.mail.LocalMailRoutes;
import com.clientalbums.local.mail.LocalMailServer;
import com.clientalbums.local.s3front.AccessLogBuffer;
import com.clientalbums.local.s3front.S3Front;
import com.clientalbums.localaws.AwsEndpoints;
import com.clientalbums.localaws.AwsResources;
import com.clientalbums.localaws.LoopbackServers;
import com.clientalbums.localaws.ResourceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: S3Proxy, ElasticMQ and dynalite on loopback with Terraform's
 * bucket, tables and queues; the four Lambda handlers called as AWS calls them (API Gateway
 * events under {@code /api}, an SQS event source, EventBridge's two schedules, S3 notifications to
 * the queue); a Cognito stand-in; the front end at {@code /}; an S3 front writing S3's access
 * logs for the client API's links; and an SMTP server whose mail is shown at {@code /local-mail/}.
 * {@link #start} returns once everything answers; {@link #close} stops it all, newest first.
 */
public final class LocalRunner implements AutoCloseable {
    public static final String USER_POOL_ID = LoopbackServers.REGION + "_localpool";
    public static final String CLIENT_ID = "local-portal-client";
    public static final String MAIL_FROM = "Demo Studio <studio@demo.test>";
    public static final String STUDIO_NAME = "Demo Studio";
    /** S3 delivers its access logs within hours; the front every minute, and before each deliveries run. */
    static final Duration ACCESS_LOGS_EVERY = Duration.ofSeconds(60);
    /** Terraform's deliveries rule runs every few minutes; here every minute, to watch a download counted. */
    static final Duration DELIVERIES_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private HttpFront front;
    private URI url;
    private Path envFile;
    private AwsEndpoints endpoints;
    private ResourceNames names;
    private AwsResources.Queues queues;
    private LocalCognito cognito;
    private MaintenanceSchedule maintenance;
    private S3Front s3Front;
    private LocalMailServer mail;
    private Map<String, String> functionEnvironment;
    private String demoPassword;
    private List<String> demoProblems = List.of();

    private LocalRunner() {}

    public static LocalRunner start(RunnerConfig config) throws Exception {
        LocalRunner runner = new LocalRunner();
        try {
            runner.startAll(config);
            return runner;
        } catch (Exception e) {
            runner.close();
            throw e;
        }
    }

    private void startAll(RunnerConfig config) throws Exception {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Path data = config.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(data);
        // Bound first: the port is part of the token issuer and of S3's CORS origin.
        front = keep(HttpFront.bind(config.port()));
        int port = front.port();
        url = URI.create("http://127.0.0.1:" + port + "/");
        String issuer = "http://127.0.0.1:" + port + LocalAuthRoutes.PREFIX;

        String region = LoopbackServers.REGION;
        S3EventEmitter[] emitter = new S3EventEmitter[1];
        int s3Port = s3Port(config, port);
        LoopbackServers servers = keep(LoopbackServers.start(config.toolsDir(), data, s3Port,
                store -> emitter[0] = new S3EventEmitter(store, region, "albums/"),
                List.of("http://127.0.0.1:" + port, "http://localhost:" + port)));
        endpoints = servers.endpoints();
        names = ResourceNames.forProject(RunnerConfig.PROJECT);
        queues = AwsResources.create(endpoints, names, config.visibilityTimeout(), 3);
        SqsClient sqs = keep(AwsResources.sqs(endpoints));
        String queueArn = sqs.getQueueAttributes(a -> a.queueUrl(queues.queueUrl()).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        emitter[0].connect(json -> sqs.sendMessage(m -> m.queueUrl(queues.queueUrl()).messageBody(json)));
        S3Client logWriter = keep(AwsResources.s3(endpoints));
        s3Front = keep(S3Front.start(endpoints.s3(), frontPort(config, s3Port),
                new AccessLogBuffer(logWriter, names.accessLogBucket(), Clock.systemUTC()), ACCESS_LOGS_EVERY, Clock.systemUTC()));
        mail = keep(LocalMailServer.start());

        // The handlers' SDK clients use the default credential chain, as in Lambda.
        System.setProperty("aws.accessKeyId", LoopbackServers.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LoopbackServers.SECRET_KEY);
        cognito = LocalCognito.open(data.resolve("local-auth"), issuer, CLIENT_ID);
        functionEnvironment = functionEnvironment(config, issuer, GuestKey.ensure(data.resolve("local-auth").resolve("guest-key")));
        if (config.demo()) demoPassword = demoPassword(config, data);
        // The client API signs download links for the S3 front, whose logs record what was downloaded.
        Lambdas lambdas = config.lambdas().create(new FunctionEnvironment(functionEnvironment,
                new LocalAccountDirectory(cognito.accounts(), LocalAccountDirectory.fixedOrRandom(demoPassword)),
                Map.of(Lambdas.Function.CLIENT_API, Map.of("AWS_ENDPOINT_URL_S3", s3Front.endpoint().toString()))));
        for (Object handler : List.of(lambdas.clientApi(), lambdas.adminApi(), lambdas.zipGenerator(), lambdas.maintenance())) {
            if (handler instanceof AutoCloseable c) keep(c);
        }

        String project = RunnerConfig.PROJECT;
        maintenance = keep(new MaintenanceSchedule(lambdas.maintenance(), LocalFunction.maintenance(project), region,
                project, config.maintenanceEvery(), DELIVERIES_EVERY, s3Front::flush));
        front.route(LocalAuthRoutes.PREFIX + "/", new LocalAuthRoutes(cognito));
        front.route(ApiGatewayBridge.PREFIX + "/", new ApiGatewayBridge(
                new ApiGatewayBridge.Target(LocalFunction.clientApi(project), lambdas.clientApi()),
                new ApiGatewayBridge.Target(LocalFunction.adminApi(project), lambdas.adminApi()),
                RouteTable.defaultOnly(), region, port));
        front.route("/local-admin/", new MaintenanceRoute(maintenance));
        front.route(LocalMailRoutes.PREFIX, new LocalMailRoutes(mail));
        front.route("/config.json", ex -> {
            ex.setHeader("Cache-Control", "no-store");
            Exchanges.sendJson(ex, 200, "{\"api_base_url\":\"/api\",\"auth_mode\":\"local\"}");
        });
        front.route("/", StaticSite.whenBuilt(config.siteDir()));
        front.start();

        keep(new SqsPoller(sqs, queues.queueUrl(), queueArn, region,
                LocalFunction.zipGenerator(project, config.generatorTimeout()), lambdas.zipGenerator(),
                new SqsPoller.Options(10, config.longPoll(), config.batchingWindow(), config.generatorConcurrency(),
                        config.visibilityTimeout()))).start();
        maintenance.start();

        envFile = data.resolve("local.env");
        LocalEnvFile.write(envFile, "Written by the local runner (scripts/run-local.sh) at start-up: source it to use\n"
                + "scripts/ and the aws CLI against the running system. Rewritten on every start.", shellEnvironment());

        if (config.demo()) {
            try (S3Client s3 = AwsResources.s3(endpoints)) {
                demoProblems = DemoAlbum.ensure(cognito, demoPassword, s3, names.bucket(), url);
            }
            demoProblems.forEach(p -> LOG.warn("demo: {}", p));
        }
    }

    /** The environment each function gets: Terraform's variables plus the local endpoints. */
    private Map<String, String> functionEnvironment(RunnerConfig config, String issuer, Path guestKey) {
        Map<String, String> env = new LinkedHashMap<>(names.environment(queues.queueUrl()));
        env.putAll(endpoints.sdkEnvironment());
        env.put(Setting.COGNITO_USER_POOL_ID.name(), USER_POOL_ID);
        env.put(Setting.COGNITO_CLIENT_ID.name(), CLIENT_ID);
        env.put(Setting.AUTH_ISSUER_URL.name(), issuer);
        env.put(Setting.ADMIN_EMAIL.name(), DemoAlbum.ADMIN_EMAIL);
        env.put(Setting.GUEST_KEY_SOURCE.name(), "file:" + guestKey);
        // No distribution here: presigned links to the runner's S3 front, which writes S3's access log format.
        env.put(Setting.DOWNLOAD_LINKS.name(), "s3");
        env.put(Setting.MAIL_TRANSPORT.name(), mail.transport());
        env.put(Setting.MAIL_FROM.name(), MAIL_FROM);
        env.put(Setting.STUDIO_NAME.name(), STUDIO_NAME);
        env.putAll(config.environment());
        return env;
    }

    private Map<String, String> shellEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("API_URL", url.resolve("api").toString());
        env.put("LOCAL_AUTH_URL", url.resolve("local-auth").toString());
        for (String name : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_DYNAMODB",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION",
                "CLIENT_ALBUMS_BUCKET", "ALBUM_TABLE_NAME", "USER_TABLE_NAME", "USER_ALBUM_TABLE_NAME",
                "ZIP_GENERATION_QUEUE_URL", "ADMIN_EMAIL")) {
            env.put(name, functionEnvironment.get(name));
        }
        env.put("ZIP_GENERATION_DLQ_URL", queues.deadLetterQueueUrl());
        // aws CLI v2 would otherwise page every answer through less.
        env.put("AWS_PAGER", "");
        // Newer CLIs and SDKs add CRC checksums (aws-chunked trailers) to every upload unless told
        // otherwise; S3Proxy does not take all of them. Old CLIs ignore these two.
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
        if (demoPassword != null) env.put("ADMIN_PASSWORD", demoPassword);
        return env;
    }

    /** DEMO_PASSWORD if given, else the one generated on the first --demo start (kept, so logins survive restarts). */
    private static String demoPassword(RunnerConfig config, Path data) throws IOException {
        if (config.demoPassword() != null && !config.demoPassword().isBlank()) return config.demoPassword();
        Path file = data.resolve("local-auth/demo-password");
        if (Files.exists(file)) {
            OwnerOnlyFiles.restrict(file);
            return Files.readString(file).strip();
        }
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder("demo-");
        for (int i = 0; i < 12; i++) {
            if (i == 4 || i == 8) password.append('-');
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        OwnerOnlyFiles.write(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        return password.toString();
    }

    /** Port + 1 for S3 when asked for the default and it is free, so the S3 endpoint is stable across restarts. */
    private static int s3Port(RunnerConfig config, int port) throws IOException {
        if (config.s3Port() > 0) return config.s3Port();
        if (config.s3Port() < 0 && port < 65535 && isFree(port + 1)) return port + 1;
        return LoopbackServers.freePort();
    }

    /**
     * S3's port + 1 for the S3 front when S3's is stable and that one is free: the client API's
     * download links name the front, and links handed out before a restart must still work after it.
     */
    private static int frontPort(RunnerConfig config, int s3Port) {
        return config.s3Port() != 0 && s3Port < 65535 && isFree(s3Port + 1) ? s3Port + 1 : 0;
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.push(resource);
        return resource;
    }

    /** The site's base URL, e.g. {@code http://127.0.0.1:8787/}. */
    public URI url() { return url; }

    public URI apiUrl() { return url.resolve("api"); }

    public Path envFile() { return envFile; }

    public AwsEndpoints endpoints() { return endpoints; }

    public ResourceNames names() { return names; }

    public String queueUrl() { return queues.queueUrl(); }

    public String deadLetterQueueUrl() { return queues.deadLetterQueueUrl(); }

    public LocalCognito cognito() { return cognito; }

    public MaintenanceSchedule maintenance() { return maintenance; }

    /** The S3 front the client API's links point at. */
    public S3Front s3Front() { return s3Front; }

    /** The SMTP server the functions send mail to. */
    public LocalMailServer mail() { return mail; }

    /** The page listing the mail received, e.g. {@code http://127.0.0.1:8787/local-mail/}. */
    public URI mailUrl() { return url.resolve(LocalMailRoutes.PREFIX.substring(1)); }

    /** The environment the functions were given. */
    public Map<String, String> functionEnvironment() { return functionEnvironment; }

    /** The demo accounts' password (null without --demo). */
    public String demoPassword() { return demoPassword; }

    /** What the demo set-up could not do (empty when all is in place). */
    public List<String> demoProblems() { return demoProblems; }

    @Override
    public synchronized void close() {
        // No new requests first, so none reaches a function whose services are going away.
        if (front != null) front.close();
        while (!running.isEmpty()) {
            AutoCloseable resource = running.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(Main.run(args));
    }
}
