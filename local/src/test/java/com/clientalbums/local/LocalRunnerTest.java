package com.clientalbums.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.clientalbums.localaws.AwsResources;
import com.clientalbums.local.lambda.FunctionEnvironment;
import com.clientalbums.local.lambda.Lambdas;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The runner over real HTTP, with recording functions in place of the system's handlers. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LocalRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir static Path data;
    @TempDir static Path site;
    static final RecordingLambdas lambdas = new RecordingLambdas();
    static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(site.resolve("index.html"), "<h1>home</h1>");
        Files.createDirectories(site.resolve("albums"));
        Files.writeString(site.resolve("albums/index.html"), "<h1>albums</h1>");
        Files.createDirectories(site.resolve("_astro"));
        Files.writeString(site.resolve("_astro/app.Ab12.js"), "console.log(1)");
        runner = LocalRunner.start(TestRunners.config(data).withSiteDir(site).withLambdas(lambdas)
                .withVisibilityTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        if (runner != null) runner.close();
    }

    // --- the Cognito stand-in -------------------------------------------------------------

    @Test
    void a_right_password_gets_an_id_token_with_cognitos_claims_that_the_published_jwks_verifies() throws Exception {
        runner.cognito().accounts().put("Ann@Example.test", "Ann", Set.of("admin"), "correct horse");
        HttpResponse<String> answer = post("local-auth/token", "{\"email\":\"ann@example.TEST\",\"password\":\"correct horse\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(3600, body.path("expires_in").asInt());

        SignedJWT jwt = SignedJWT.parse(body.path("id_token").asText());
        JWKSet jwks = JWKSet.parse(get("local-auth/.well-known/jwks.json").body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "the token's kid is in the JWKS");
        assertFalse(key.isPrivate(), "only the public key is published");
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(runner.url() + "local-auth", claims.getIssuer());
        assertEquals(List.of(LocalRunner.CLIENT_ID), claims.getAudience());
        assertEquals("id", claims.getStringClaim("token_use"));
        assertEquals("ann@example.test", claims.getStringClaim("email"));
        assertEquals("Ann", claims.getStringClaim("name"));
        assertEquals(List.of("admin"), claims.getStringListClaim("cognito:groups"));
        assertNotNull(claims.getSubject());
        Date iat = claims.getIssueTime();
        assertEquals(Duration.ofHours(1), Duration.between(iat.toInstant(), claims.getExpirationTime().toInstant()));
        assertEquals(runner.functionEnvironment().get("AUTH_ISSUER_URL"), claims.getIssuer());
    }

    @Test
    void a_wrong_password_or_an_unknown_email_gets_401_wrong_email_or_password() throws Exception {
        runner.cognito().accounts().put("bob@example.test", "Bob", Set.of(), "right password");
        for (String attempt : List.of("{\"email\":\"bob@example.test\",\"password\":\"wrong password\"}",
                "{\"email\":\"nobody@example.test\",\"password\":\"right password\"}")) {
            HttpResponse<String> answer = post("local-auth/token", attempt);
            assertEquals(401, answer.statusCode());
            assertEquals("{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Wrong email or password\"}}", answer.body());
        }
        assertEquals(400, post("local-auth/token", "not json").statusCode());
        assertEquals(405, get("local-auth/token").statusCode());
    }

    @Test
    void five_wrong_passwords_lock_the_account_even_against_the_right_one_and_an_unknown_email_locks_the_same_way() throws Exception {
        runner.cognito().accounts().put("erin@example.test", "Erin", Set.of(), "right password");
        runner.cognito().accounts().put("frank@example.test", "Frank", Set.of(), "right password");
        String erin = "{\"email\":\"erin@example.test\",\"password\":\"%s\"}";
        String nobody = "{\"email\":\"nobody-%d@example.test\",\"password\":\"guess\"}".formatted(System.nanoTime());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, post("local-auth/token", erin.formatted("wrong " + i)).statusCode());
            assertEquals(401, post("local-auth/token", nobody).statusCode());
        }
        for (String attempt : List.of(erin.formatted("right password"), "{\"email\":\"ERIN@example.test\",\"password\":\"x\"}", nobody)) {
            HttpResponse<String> locked = post("local-auth/token", attempt);
            assertEquals(429, locked.statusCode(), attempt);
            JsonNode error = JSON.readTree(locked.body()).path("error");
            assertEquals("TOO_MANY_ATTEMPTS", error.path("code").asText());
            assertEquals("Too many failed sign-ins for this account: try again in 15 minutes", error.path("message").asText());
            long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        }
        assertEquals(200, post("local-auth/token", "{\"email\":\"frank@example.test\",\"password\":\"right password\"}").statusCode(),
                "other accounts are not locked");
    }

    @Test
    void a_client_account_has_no_groups_claim_as_in_cognito() throws Exception {
        runner.cognito().accounts().put("carol@example.test", "Carol", Set.of(), "pw-carol");
        String token = JSON.readTree(post("local-auth/token", "{\"email\":\"carol@example.test\",\"password\":\"pw-carol\"}").body())
                .path("id_token").asText();
        assertNull(SignedJWT.parse(token).getJWTClaimsSet().getClaim("cognito:groups"));
    }

    @Test
    void the_openid_configuration_points_at_the_jwks() throws Exception {
        JsonNode doc = JSON.readTree(get("local-auth/.well-known/openid-configuration").body());
        assertEquals(runner.url() + "local-auth/.well-known/jwks.json", doc.path("jwks_uri").asText());
    }

    // --- API Gateway ------------------------------------------------------------------------

    @Test
    void an_api_request_reaches_the_client_function_as_an_http_api_v2_event() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(runner.url().resolve(
                        "api/albums/demo/download?file_name=Ceremony%2FIMG%201.jpg&x=1&x=2"))
                .header("Authorization", "Bearer abc.def.ghi")
                .header("X-Custom-Thing", "Yes")
                .header("Cookie", "a=1; b=2")
                .GET().build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(418, answer.statusCode());
        assertEquals("{\"handled_by\":\"client\"}", answer.body());
        assertEquals("katelynns-photography-client-api", answer.headers().firstValue("X-Function").orElseThrow());
        assertEquals(List.of("a", "b"), answer.headers().allValues("X-Many"));
        APIGatewayV2HTTPEvent event = lambdas.last(lambdas.clientEvents);
        assertEquals("2.0", event.getVersion());
        assertEquals("$default", event.getRouteKey());
        assertEquals("/albums/demo/download", event.getRawPath());
        assertEquals("file_name=Ceremony%2FIMG%201.jpg&x=1&x=2", event.getRawQueryString());
        assertEquals(Map.of("file_name", "Ceremony/IMG 1.jpg", "x", "1,2"), event.getQueryStringParameters());
        assertEquals("Bearer abc.def.ghi", event.getHeaders().get("authorization"));
        assertEquals("Yes", event.getHeaders().get("x-custom-thing"));
        assertTrue(event.getHeaders().keySet().stream().allMatch(h -> h.equals(h.toLowerCase())), "header names lower-cased");
        assertEquals(List.of("a=1", "b=2"), event.getCookies());
        assertNull(event.getHeaders().get("cookie"), "cookies move out of the headers");
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        assertEquals("/albums/demo/download", event.getRequestContext().getHttp().getPath());
        assertEquals("127.0.0.1", event.getRequestContext().getHttp().getSourceIp());
        assertFalse(event.getRequestContext().getRequestId().isBlank());
        assertNull(event.getRequestContext().getAuthorizer(), "no authorizer claims: the handlers verify tokens");
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());
    }

    @Test
    void admin_paths_reach_the_admin_function_with_text_bodies_as_text_and_binary_ones_in_base64() throws Exception {
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(runner.url().resolve("api/admin/albums"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"album_id\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"handled_by\":\"admin\"}", json.body());
        APIGatewayV2HTTPEvent event = lambdas.last(lambdas.adminEvents);
        assertEquals("/admin/albums", event.getRawPath());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("{\"album_id\":\"x\"}", event.getBody());
        assertFalse(event.getIsBase64Encoded());

        HTTP.send(HttpRequest.newBuilder(runner.url().resolve("api/admin/upload"))
                .header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xFF, (byte) 0xD8, 0})).build(),
                HttpResponse.BodyHandlers.ofString());
        event = lambdas.last(lambdas.adminEvents);
        assertTrue(event.getIsBase64Encoded());
        assertEquals("/9gA", event.getBody());
    }

    @Test
    void a_function_that_throws_answers_500_as_api_gateway_does_and_base64_answers_are_decoded() throws Exception {
        HttpResponse<String> boom = get("api/albums/boom");
        assertEquals(500, boom.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", boom.body());

        HttpResponse<byte[]> binary = HTTP.send(HttpRequest.newBuilder(runner.url().resolve("api/albums/binary")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xFF}, binary.body());
    }

    // --- S3 events and the SQS poller -------------------------------------------------------

    @Test
    void a_photo_put_under_albums_reaches_the_generator_as_an_s3_event_with_a_form_encoded_key_and_a_zip_put_does_not()
            throws Exception {
        try (S3Client s3 = AwsResources.s3(runner.endpoints())) {
            String bucket = runner.names().bucket();
            s3.putObject(b -> b.bucket(bucket).key("zips/x/abc.zip"), RequestBody.fromString("zip"));
            s3.putObject(b -> b.bucket(bucket).key("albums/x/photos/a b.jpg"), RequestBody.fromString("12345"));
            SQSEvent.SQSMessage record = awaitRecord("albums/x/photos/a+b.jpg");
            JsonNode r = JSON.readTree(record.getBody()).path("Records").path(0);
            assertEquals("ObjectCreated:Put", r.path("eventName").asText());
            assertEquals("aws:s3", r.path("eventSource").asText());
            assertEquals("2.1", r.path("eventVersion").asText());
            assertEquals("us-east-2", r.path("awsRegion").asText());
            assertEquals(bucket, r.path("s3").path("bucket").path("name").asText());
            assertEquals("arn:aws:s3:::" + bucket, r.path("s3").path("bucket").path("arn").asText());
            assertEquals(5, r.path("s3").path("object").path("size").asLong());
            assertEquals(s3.headObject(h -> h.bucket(bucket).key("albums/x/photos/a b.jpg")).eTag().replace("\"", ""),
                    r.path("s3").path("object").path("eTag").asText());
            assertEquals("aws:sqs", record.getEventSource());
            assertTrue(record.getEventSourceArn().startsWith("arn:aws:sqs:us-east-2:"), record.getEventSourceArn());
            assertTrue(record.getEventSourceArn().endsWith(":katelynns-photography-zip-generation"));
            assertEquals("1", record.getAttributes().get("ApproximateReceiveCount"));
            Thread.sleep(300);
            assertTrue(lambdas.sqsRecords.stream().noneMatch(m -> m.getBody().contains("zips/")), "archives never notify");
        }
    }

    @Test
    void copies_multipart_uploads_and_deletes_under_albums_notify_too() throws Exception {
        try (S3Client s3 = AwsResources.s3(runner.endpoints())) {
            String bucket = runner.names().bucket();
            s3.putObject(b -> b.bucket(bucket).key("albums/y/photos/one.jpg"), RequestBody.fromString("1"));
            s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("albums/y/photos/one.jpg")
                    .destinationBucket(bucket).destinationKey("albums/y/photos/two.jpg"));
            String upload = s3.createMultipartUpload(m -> m.bucket(bucket).key("albums/y/photos/big.jpg")).uploadId();
            String etag = s3.uploadPart(p -> p.bucket(bucket).key("albums/y/photos/big.jpg").uploadId(upload).partNumber(1),
                    RequestBody.fromString("part")).eTag();
            s3.completeMultipartUpload(c -> c.bucket(bucket).key("albums/y/photos/big.jpg").uploadId(upload)
                    .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
            s3.deleteObject(d -> d.bucket(bucket).key("albums/y/photos/one.jpg"));

            assertEquals("ObjectCreated:Copy", eventName(awaitRecord("albums/y/photos/two.jpg")));
            assertEquals("ObjectCreated:CompleteMultipartUpload", eventName(awaitRecord("albums/y/photos/big.jpg")));
            await(() -> lambdas.sqsRecords.stream().anyMatch(m -> m.getBody().contains("ObjectRemoved:Delete")
                    && m.getBody().contains("albums/y/photos/one.jpg")), "the delete event");
            assertTrue(lambdas.sqsRecords.stream().noneMatch(m -> m.getBody().contains(".s3proxy-mpu-stub")));
        }
    }

    @Test
    void the_poller_deletes_what_succeeded_redelivers_what_failed_and_the_dlq_gets_it_after_three_receives() throws Exception {
        String ok = "ok-" + UUID.randomUUID();
        String failing = "fail-me-" + UUID.randomUUID();
        try (SqsClient sqs = AwsResources.sqs(runner.endpoints())) {
            sqs.sendMessage(m -> m.queueUrl(runner.queueUrl()).messageBody(ok));
            sqs.sendMessage(m -> m.queueUrl(runner.queueUrl()).messageBody(failing));
            await(() -> deliveries(failing) >= 2, "the failed message comes back after the visibility timeout");
            List<SQSEvent.SQSMessage> failed = lambdas.sqsRecords.stream().filter(m -> m.getBody().equals(failing)).toList();
            assertEquals("2", failed.get(1).getAttributes().get("ApproximateReceiveCount"));
            assertEquals(failed.get(0).getMessageId(), failed.get(1).getMessageId());
            await(() -> deliveries(failing) >= 3, "a third delivery");
            await(() -> dlqHolds(sqs, failing), "after maxReceiveCount (3) the message is in the dead-letter queue");
            assertEquals(1, deliveries(ok), "a message that succeeded is deleted and never comes back");
        }
    }

    @Test
    void a_handler_that_throws_leaves_its_whole_batch_on_the_queue() throws Exception {
        String body = "throw-me-" + UUID.randomUUID();
        try (SqsClient sqs = AwsResources.sqs(runner.endpoints())) {
            sqs.sendMessage(m -> m.queueUrl(runner.queueUrl()).messageBody(body));
            await(() -> deliveries(body) >= 2, "the message comes back");
        }
    }

    @Test
    void a_failure_id_that_is_not_in_the_batch_fails_the_whole_batch_as_lambda_does() throws Exception {
        String body = "bad-id-" + UUID.randomUUID();
        try (SqsClient sqs = AwsResources.sqs(runner.endpoints())) {
            sqs.sendMessage(m -> m.queueUrl(runner.queueUrl()).messageBody(body));
            await(() -> deliveries(body) >= 2, "the message comes back");
        }
    }

    // --- maintenance, local.env, site, S3 CORS ---------------------------------------------

    @Test
    void maintenance_runs_at_start_up_and_on_demand_with_a_scheduled_event() throws Exception {
        await(() -> !lambdas.maintenanceRuns.isEmpty(), "the start-up run");
        assertEquals("arn:aws:events:us-east-2:000000000000:rule/katelynns-photography-daily-maintenance",
                lambdas.maintenanceRules.get(0), "the start-up run is the daily one");
        int before = lambdas.maintenanceRuns.size();
        HttpResponse<String> answer = post("local-admin/maintenance", "");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode both = JSON.readTree(answer.body());
        assertEquals("aws.events", both.path("daily").path("source").asText());
        assertEquals("arn:aws:events:us-east-2:000000000000:rule/katelynns-photography-daily-maintenance",
                both.path("daily").path("rule").asText());
        assertEquals("aws.events", both.path("deliveries").path("source").asText());
        assertEquals("arn:aws:events:us-east-2:000000000000:rule/katelynns-photography-deliveries",
                both.path("deliveries").path("rule").asText());
        // The deliveries schedule may fire meanwhile (every minute): at least the two asked for.
        assertTrue(lambdas.maintenanceRuns.size() >= before + 2, lambdas.maintenanceRules.toString());
        assertEquals("Scheduled Event", lambdas.last(lambdas.maintenanceRuns));
        assertEquals(405, get("local-admin/maintenance").statusCode());
    }

    @Test
    void only_the_client_api_signs_for_the_s3_front_and_every_function_mails_through_the_runners_smtp_server() {
        FunctionEnvironment env = lambdas.environment.get();
        assertEquals(runner.s3Front().endpoint().toString(),
                env.of(Lambdas.Function.CLIENT_API).variables().get("AWS_ENDPOINT_URL_S3"));
        for (Lambdas.Function other : List.of(Lambdas.Function.ADMIN_API, Lambdas.Function.ZIP_GENERATOR, Lambdas.Function.MAINTENANCE)) {
            assertEquals(runner.endpoints().s3().toString(), env.of(other).variables().get("AWS_ENDPOINT_URL_S3"), other.name());
        }
        for (Lambdas.Function function : Lambdas.Function.values()) {
            Map<String, String> variables = env.of(function).variables();
            assertEquals("smtp://127.0.0.1:" + runner.mail().port(), variables.get("MAIL_TRANSPORT"), function.name());
            assertEquals("Demo Studio <studio@demo.test>", variables.get("MAIL_FROM"));
            assertEquals("Demo Studio", variables.get("STUDIO_NAME"));
            assertEquals("30", variables.get("MAIL_SETTLE_SECONDS"), "a demo's burst settles in half a minute");
        }
    }

    @Test
    void mail_the_smtp_server_receives_is_listed_decoded_shown_escaped_in_a_sandbox_and_cleared() throws Exception {
        assertEquals(204, HTTP.send(HttpRequest.newBuilder(runner.url().resolve("local-mail/messages")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(runner.mail().port()));
        MimeMessage sent = new MimeMessage(Session.getInstance(smtp));
        sent.setFrom(new InternetAddress("studio@demo.test", "Démo Studio", "UTF-8"));
        sent.setRecipients(MimeMessage.RecipientType.TO, "client@demo.test");
        sent.setSubject("Votre album « Mariage » est prêt", "UTF-8");
        sent.setHeader("List-Unsubscribe", "<http://127.0.0.1:8787/mail/opt-out/?t=abc>");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Bonjour — vos 60 photos sont prêtes.\nhttp://127.0.0.1:8787/album/?id=demo", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p style=\"color:#333\">Bonjour — <b>prêtes</b> & \"vues\"</p><script>alert('x')</script>",
                "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        sent.setContent(alternative);
        Transport.send(sent);

        HttpResponse<String> listed = get("local-mail/messages");
        assertEquals(200, listed.statusCode());
        JsonNode messages = JSON.readTree(listed.body()).path("messages");
        assertEquals(1, messages.size(), listed.body());
        JsonNode mail = messages.get(0);
        assertEquals("Démo Studio <studio@demo.test>", mail.path("from").asText());
        assertEquals("client@demo.test", mail.path("to").path(0).asText());
        assertEquals("Votre album « Mariage » est prêt", mail.path("subject").asText());
        assertTrue(mail.path("text").asText().startsWith("Bonjour — vos 60 photos sont prêtes."), mail.toString());
        assertTrue(mail.path("html").asText().contains("<b>prêtes</b>"), mail.toString());
        assertEquals("<http://127.0.0.1:8787/mail/opt-out/?t=abc>", mail.path("headers").path("List-Unsubscribe").asText());
        assertFalse(mail.path("id").asText().isEmpty());
        assertTrue(Duration.between(Instant.parse(mail.path("received_at").asText()), Instant.now()).abs().toMinutes() < 2);

        HttpResponse<String> page = get("local-mail/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        assertTrue(page.body().contains("<h2>Votre album « Mariage » est prêt</h2>"), page.body());
        assertTrue(page.body().contains("<iframe sandbox "), "the mail's HTML runs nothing: " + page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page.body());
        assertFalse(page.body().contains("<script"), "no markup of the mail reaches the page itself");

        assertEquals(204, HTTP.send(HttpRequest.newBuilder(runner.url().resolve("local-mail/messages")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(0, JSON.readTree(get("local-mail/messages").body()).path("messages").size());
        assertEquals(405, post("local-mail/messages", "").statusCode());
    }

    @Test
    void local_env_exports_every_variable_and_lets_the_aws_cli_list_the_bucket() throws Exception {
        String env = Files.readString(runner.envFile());
        for (String name : List.of("API_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_DYNAMODB",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION", "CLIENT_ALBUMS_BUCKET",
                "ALBUM_TABLE_NAME", "USER_TABLE_NAME", "USER_ALBUM_TABLE_NAME", "ZIP_GENERATION_QUEUE_URL", "LOCAL_AUTH_URL")) {
            assertTrue(env.lines().anyMatch(l -> l.startsWith("export " + name + "='")), name + " in\n" + env);
        }
        Map<String, String> sourced = TestRunners.source(runner.envFile());
        assertEquals(runner.url() + "api", sourced.get("API_URL"));
        assertEquals("katelynns-photography-client-albums", sourced.get("CLIENT_ALBUMS_BUCKET"));
        assertEquals("katelynns-photography-album", sourced.get("ALBUM_TABLE_NAME"));
        assertTrue(sourced.get("ZIP_GENERATION_QUEUE_URL").endsWith("/katelynns-photography-zip-generation"));

        try (S3Client s3 = AwsResources.s3(runner.endpoints())) {
            s3.putObject(b -> b.bucket(runner.names().bucket()).key("cli-check/listed.txt"), RequestBody.fromString("x"));
        }
        if (!TestRunners.hasCommand("aws")) {
            assumeTrue(System.getenv("CI") != null, "no aws CLI here (CI would fail)");
            fail("the aws CLI is not installed, and CI is set");
        }
        TestRunners.Result ls = TestRunners.bash(
                "source \"$1\" && aws s3 ls \"s3://$CLIENT_ALBUMS_BUCKET/cli-check/\" --endpoint-url \"$AWS_ENDPOINT_URL_S3\"",
                runner.envFile().toString());
        assertEquals(0, ls.exit(), ls.output());
        assertTrue(ls.output().contains("listed.txt"), ls.output());
    }

    @Test
    void the_site_is_served_with_folder_index_pages_long_caching_for_hashed_assets_and_no_cache_for_pages() throws Exception {
        HttpResponse<String> home = get("");
        assertEquals("<h1>home</h1>", home.body());
        assertEquals("no-cache", home.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("nosniff", home.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("<h1>albums</h1>", get("albums").body());
        assertEquals("<h1>albums</h1>", get("albums/").body());
        HttpResponse<String> asset = get("_astro/app.Ab12.js");
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(asset.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        HttpResponse<String> missing = get("nothing/here");
        assertEquals(404, missing.statusCode());
        assertEquals("<h1>home</h1>", missing.body(), "CloudFront's error page is the home page");
        assertEquals(404, get("..%2f..%2fetc/passwd").statusCode());

        HttpResponse<String> config = get("config.json");
        assertEquals("{\"api_base_url\":\"/api\",\"auth_mode\":\"local\"}", config.body());
        assertEquals("no-store", config.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void s3_allows_the_portals_origin_to_get_and_put_presigned_urls_and_refuses_others() throws Exception {
        String origin = runner.url().toString().replaceAll("/$", "");
        URI object = URI.create(runner.endpoints().s3() + "/" + runner.names().bucket() + "/albums/z/photos/p.jpg");
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(object)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode(), preflight.body());
        assertEquals(origin, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());

        HttpResponse<String> stranger = HTTP.send(HttpRequest.newBuilder(object)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.test").header("Access-Control-Request-Method", "PUT").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    // --- helpers ----------------------------------------------------------------------------

    private static long deliveries(String body) {
        return lambdas.sqsRecords.stream().filter(m -> m.getBody().equals(body)).count();
    }

    private static boolean dlqHolds(SqsClient sqs, String body) {
        var messages = sqs.receiveMessage(r -> r.queueUrl(runner.deadLetterQueueUrl()).maxNumberOfMessages(10)
                .visibilityTimeout(0)).messages();
        return messages.stream().anyMatch(m -> m.body().equals(body));
    }

    private static String eventName(SQSEvent.SQSMessage record) throws Exception {
        return JSON.readTree(record.getBody()).path("Records").path(0).path("eventName").asText();
    }

    private static SQSEvent.SQSMessage awaitRecord(String encodedKey) throws Exception {
        await(() -> lambdas.sqsRecords.stream().anyMatch(m -> m.getBody().contains("\"key\":\"" + encodedKey + "\"")),
                "an S3 event for " + encodedKey + "; got " + lambdas.sqsRecords.stream().map(SQSEvent.SQSMessage::getBody)
                        .collect(Collectors.joining("\n")));
        return lambdas.sqsRecords.stream().filter(m -> m.getBody().contains("\"key\":\"" + encodedKey + "\"")).findFirst().orElseThrow();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) fail("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(runner.url().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(runner.url().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
