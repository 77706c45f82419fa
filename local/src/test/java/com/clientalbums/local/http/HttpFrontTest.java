package com.clientalbums.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpFrontTest {

    @Test
    void a_handler_that_throws_answers_500_in_the_apis_error_shape_without_the_exceptions_text() throws Exception {
        try (HttpFront front = HttpFront.bind(0); HttpClient http = HttpClient.newHttpClient()) {
            front.route("/boom", ex -> { throw new IllegalStateException("secret detail at /var/data/accounts.json"); });
            front.start();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/boom")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, response.statusCode());
            JsonNode error = Exchanges.JSON.readTree(response.body()).path("error");
            assertEquals("INTERNAL", error.path("code").asText(), response.body());
            assertFalse(error.path("message").asText().isBlank(), response.body());
            assertFalse(response.body().contains("secret") || response.body().contains("IllegalState"), response.body());
        }
    }
}
