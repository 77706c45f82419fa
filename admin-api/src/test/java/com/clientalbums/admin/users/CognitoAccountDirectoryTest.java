package com.clientalbums.admin.users;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** AdminCreateUser as Cognito receives it, against a loopback server speaking Cognito's JSON protocol. */
class CognitoAccountDirectoryTest {
    HttpServer server;
    final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
    final AtomicReference<String> lastTarget = new AtomicReference<>();
    volatile int status = 200;
    volatile String answer = "{\"User\":{\"Username\":\"x\",\"UserStatus\":\"FORCE_CHANGE_PASSWORD\"}}";
    CognitoIdentityProviderClient cognito;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            lastTarget.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            lastRequest.set(new ObjectMapper().readTree(exchange.getRequestBody()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        cognito = CognitoIdentityProviderClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        cognito.close();
        server.stop(0);
    }

    @Test
    void aNewClientIsCreatedWithAVerifiedAddressAndInvitedByEmail() {
        var outcome = new CognitoAccountDirectory(cognito, "eu-west-1_pool").create("ann@example.com", "Ann Client");
        assertEquals(AccountDirectory.Outcome.CREATED, outcome);
        assertEquals("AWSCognitoIdentityProviderService.AdminCreateUser", lastTarget.get());
        JsonNode request = lastRequest.get();
        assertEquals("eu-west-1_pool", request.get("UserPoolId").asText());
        assertEquals("ann@example.com", request.get("Username").asText());
        assertEquals("EMAIL", request.get("DesiredDeliveryMediums").get(0).asText());
        Map<String, String> attributes = new HashMap<>();
        request.get("UserAttributes").forEach(a -> attributes.put(a.get("Name").asText(), a.get("Value").asText()));
        assertEquals(Map.of("email", "ann@example.com", "email_verified", "true", "name", "Ann Client"), attributes);
    }

    @Test
    void anExistingAccountIsReportedNotFailed() {
        status = 400;
        answer = "{\"__type\":\"UsernameExistsException\",\"message\":\"User account already exists\"}";
        assertEquals(AccountDirectory.Outcome.ALREADY_EXISTS, new CognitoAccountDirectory(cognito, "pool").create("ann@example.com", ""));
    }

    @Test
    void aRefusedParameterIs400AndAnOutageIs503() {
        status = 400;
        answer = "{\"__type\":\"InvalidParameterException\",\"message\":\"Invalid email address format.\"}";
        AlbumsException refused = assertThrows(AlbumsException.class, () -> new CognitoAccountDirectory(cognito, "pool").create("x@example.com", ""));
        assertEquals(ErrorCode.BAD_REQUEST, refused.code());
        status = 400;
        answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"User pool pool does not exist.\"}";
        AlbumsException outage = assertThrows(AlbumsException.class, () -> new CognitoAccountDirectory(cognito, "pool").create("x@example.com", ""));
        assertEquals(ErrorCode.UNAVAILABLE, outage.code());
    }
}
