package com.clientalbums.common.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.auth.Authenticator;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterTest {
    /** "Bearer admin" is the photographer, "Bearer client" a client, anything else is refused. */
    static final Authenticator AUTH = header -> switch (header.orElse("")) {
        case "Bearer admin" -> new Caller.SignedIn("Studio@Example.com", "Studio", true);
        case "Bearer client" -> new Caller.SignedIn("ann@example.com", "Ann", false);
        default -> throw new AlbumsException(ErrorCode.UNAUTHORIZED, "Please sign in to continue.");
    };

    record Greeting(String albumId, String fileName, Instant createdAt, String nothing) {}

    record NewAlbum(String albumId, String name) {}

    final Router router = Router.builder(AUTH)
            .get("/albums/{album_id}", (req, caller) -> ApiResponse.ok(
                    new Greeting(req.pathParam("album_id"), req.queryParam("file_name").orElse(null), Instant.parse("2026-11-29T12:00:00Z"), null)))
            .post("/albums", (req, caller) -> ApiResponse.created(req.body(NewAlbum.class)))
            .delete("/albums/{album_id}/users/{email}", (req, caller) -> ApiResponse.noContent())
            .get("/boom", (req, caller) -> { throw new IllegalStateException("secret detail"); })
            .get("/me", (req, caller) -> ApiResponse.ok(caller))
            .get("/albums/{album_id}/manifest", (req, caller) -> ApiResponse.attachment(new Attachment("Smith Wedding.sfv",
                    "text/plain; charset=utf-8", "; Album: Smith Wedding\nÉté/IMG 1.jpg 1A2B3C4D\n".getBytes(StandardCharsets.UTF_8))))
            .build();

    private APIGatewayV2HTTPResponse call(ApiEvents.Request request) {
        return router.handle(request.event(), "lambda-request-id");
    }

    private static void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        JsonNode error = ApiEvents.body(response).get("error");
        assertEquals(code, error.get("code").asText());
        assertFalse(error.get("message").asText().isBlank());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
    }

    @Test
    void aRouteAnswersSnakeCaseJsonWithNullsAndTimesWrittenOut() {
        var response = call(ApiEvents.get("/albums/smith-wedding").bearer("client").query("file_name", "Ceremony/a, b.jpg"));
        assertEquals(200, response.getStatusCode());
        JsonNode body = ApiEvents.body(response);
        assertEquals("smith-wedding", body.get("album_id").asText());
        assertEquals("Ceremony/a, b.jpg", body.get("file_name").asText(), "a comma in a value survives (rawQueryString is used)");
        assertEquals("2026-11-29T12:00:00.000Z", body.get("created_at").asText());
        assertTrue(body.has("nothing") && body.get("nothing").isNull());
        assertEquals("no-store", response.getHeaders().get("cache-control"));
    }

    @Test
    void theCallerIsWrittenWithIsAdmin() {
        JsonNode me = ApiEvents.body(call(ApiEvents.get("/me").bearer("admin")));
        assertEquals("studio@example.com", me.get("email").asText());
        assertTrue(me.get("is_admin").asBoolean());
        assertEquals(3, me.size());
    }

    @Test
    void pathParametersArePercentDecodedWithPlusKept() {
        var response = call(ApiEvents.delete("/albums/demo/users/ann%2Bx%40example.com").bearer("admin"));
        assertEquals(204, response.getStatusCode());
        assertNull(response.getBody());
    }

    @Test
    void aMissingOrRefusedTokenIs401BeforeAnyRouteIsLookedAt() {
        assertError(call(ApiEvents.get("/albums/demo")), 401, "UNAUTHORIZED");
        assertError(call(ApiEvents.get("/no/such/thing").bearer("forged")), 401, "UNAUTHORIZED");
    }

    @Test
    void anAdminOnlyRouterRefusesAClientWith403() {
        Router admin = Router.builder(AUTH).adminOnly().get("/admin/albums", (r, c) -> ApiResponse.ok(Map.of())).build();
        assertError(admin.handle(ApiEvents.get("/admin/albums").bearer("client").event(), null), 403, "FORBIDDEN");
        assertEquals(200, admin.handle(ApiEvents.get("/admin/albums").bearer("admin").event(), null).getStatusCode());
    }

    @Test
    void anUnknownAddressIs404() {
        assertError(call(ApiEvents.get("/nowhere").bearer("client")), 404, "NOT_FOUND");
        assertError(call(ApiEvents.get("/albums/demo/extra").bearer("client")), 404, "NOT_FOUND");
        assertError(call(ApiEvents.put("/albums/demo/extra").bearer("client")), 404, "NOT_FOUND");
        assertNull(call(ApiEvents.get("/nowhere").bearer("client")).getHeaders().get("allow"));
    }

    @Test
    void aKnownAddressAskedWithAnotherMethodIs405NamingTheMethodsItAnswers() {
        var put = call(ApiEvents.put("/albums/demo").bearer("client"));
        assertError(put, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", put.getHeaders().get("allow"));
        assertTrue(ApiEvents.body(put).get("error").get("message").asText().contains("PUT"));

        Router twoMethods = Router.builder(AUTH)
                .get("/albums/{album_id}/zip", (r, c) -> ApiResponse.ok(Map.of()))
                .post("/albums/{album_id}/zip", (r, c) -> ApiResponse.accepted(Map.of()))
                .build();
        var delete = twoMethods.handle(ApiEvents.delete("/albums/demo/zip").bearer("client").event(), null);
        assertError(delete, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, POST", delete.getHeaders().get("allow"));
        assertEquals(202, twoMethods.handle(ApiEvents.post("/albums/demo/zip").bearer("client").event(), null).getStatusCode());
    }

    @Test
    void aWrongMethodIs405BehindAStagePrefixAndUnderTheApiPrefixToo() {
        var staged = call(ApiEvents.delete("/prod/albums/demo").routeKey("DELETE /albums/{album_id}").bearer("client"));
        assertError(staged, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", staged.getHeaders().get("allow"));
        var prefixed = call(ApiEvents.post("/api/albums/demo").bearer("client"));
        assertError(prefixed, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", prefixed.getHeaders().get("allow"));
    }

    @Test
    void aWrongMethodWithoutAValidTokenIsStill401() {
        assertError(call(ApiEvents.put("/albums/demo")), 401, "UNAUTHORIZED");
    }

    @Test
    void aTrailingSlashIsForgiven() {
        assertEquals(200, call(ApiEvents.get("/albums/demo/").bearer("client")).getStatusCode());
    }

    @Test
    void aRouteKeyFromApiGatewayMatchesAPathBehindAStagePrefix() {
        var response = call(ApiEvents.get("/prod/albums/demo").routeKey("GET /albums/{album_id}").bearer("client"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("demo", ApiEvents.body(response).get("album_id").asText());
    }

    @Test
    void aPathForwardedWithItsApiPrefixStillMatches() {
        assertEquals("demo", ApiEvents.body(call(ApiEvents.get("/api/albums/demo").bearer("client"))).get("album_id").asText());
        assertError(call(ApiEvents.get("/api/nowhere").bearer("client")), 404, "NOT_FOUND");
    }

    @Test
    void aJsonBodyIsReadAndBadJsonIs400() {
        var created = call(ApiEvents.post("/albums").bearer("admin").body("{\"album_id\":\"new-one\",\"name\":\"New\",\"extra\":1}"));
        assertEquals(201, created.getStatusCode());
        assertEquals("new-one", ApiEvents.body(created).get("album_id").asText());
        assertError(call(ApiEvents.post("/albums").bearer("admin").body("{\"album_id\":")), 400, "BAD_REQUEST");
        assertError(call(ApiEvents.post("/albums").bearer("admin").body("[1,2]")), 400, "BAD_REQUEST");
        assertError(call(ApiEvents.post("/albums").bearer("admin")), 400, "BAD_REQUEST");
    }

    @Test
    void aFileIsAnsweredAsItsBytesWithItsTypeAndTheNameToSaveItUnder() {
        var response = call(ApiEvents.get("/albums/smith-wedding/manifest").bearer("client"));

        assertEquals(200, response.getStatusCode());
        assertTrue(response.getIsBase64Encoded(), "API Gateway sends the decoded bytes");
        assertEquals("; Album: Smith Wedding\nÉté/IMG 1.jpg 1A2B3C4D\n",
                new String(java.util.Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8));
        assertEquals("text/plain; charset=utf-8", response.getHeaders().get("content-type"));
        assertEquals("attachment; filename=\"Smith Wedding.sfv\"; filename*=UTF-8''Smith%20Wedding.sfv",
                response.getHeaders().get("content-disposition"));
        assertEquals("no-store", response.getHeaders().get("cache-control"));
        assertEquals("nosniff", response.getHeaders().get("x-content-type-options"));
    }

    @Test
    void aBase64BodyIsDecoded() {
        var created = call(ApiEvents.post("/albums").bearer("admin")
                .base64Body("{\"album_id\":\"b64\",\"name\":\"Ünïcode\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("Ünïcode", ApiEvents.body(created).get("name").asText());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"album_id\":\"" + "x".repeat(Router.DEFAULT_BODY_LIMIT) + "\"}";
        assertError(call(ApiEvents.post("/albums").bearer("admin").body(big)), 413, "PAYLOAD_TOO_LARGE");
        assertError(call(ApiEvents.post("/albums").bearer("admin").base64Body(big.getBytes(StandardCharsets.UTF_8))), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aPublicRouteHasASmallerBodyLimitOfItsOwnAndAGuestReachesOnlyTheRoutesForViewers() {
        Authenticator withGuest = header -> header.filter("Bearer guest"::equals).<Caller>map(h ->
                new Caller.Guest("demo", "link-1", Instant.now().plusSeconds(60))).orElseGet(() -> AUTH.authenticate(header));
        Router limited = Router.builder(withGuest).bodyLimit(8 * 1024).publicBodyLimit(1024)
                .publicPost("/share/session", req -> ApiResponse.ok(req.body(NewAlbum.class)))
                .postForViewers("/albums/{album_id}/favourites", (req, caller) -> ApiResponse.ok(req.body(NewAlbum.class)))
                .post("/albums", (req, caller) -> ApiResponse.created(req.body(NewAlbum.class)))
                .build();
        String twoKb = "{\"album_id\":\"a\",\"name\":\"" + "x".repeat(2048) + "\"}";
        assertError(limited.handle(ApiEvents.post("/share/session").body(twoKb).event(), "r1"), 413, "PAYLOAD_TOO_LARGE");
        assertEquals(200, limited.handle(ApiEvents.post("/share/session").body("{\"album_id\":\"a\"}").event(), "r2").getStatusCode());
        assertEquals(200, limited.handle(ApiEvents.post("/albums/demo/favourites").bearer("client").body(twoKb).event(), "r3").getStatusCode());
        assertEquals(200, limited.handle(ApiEvents.post("/albums/demo/favourites").bearer("guest").body(twoKb).event(), "r4").getStatusCode());
        assertError(limited.handle(ApiEvents.post("/albums").bearer("guest").body(twoKb).event(), "r5"), 401, "UNAUTHORIZED");
    }

    @Test
    void anUnexpectedFailureIs500WithAGenericMessageAndTheRequestId() {
        var response = call(ApiEvents.get("/boom").bearer("client"));
        assertError(response, 500, "INTERNAL");
        String message = ApiEvents.body(response).get("error").get("message").asText();
        assertFalse(message.contains("secret"), message);
        assertTrue(message.contains("req-"), "names the request id: " + message);
    }

    @Test
    void aRepeatedQueryParameterIs400AndAMalformedEscapeToo() {
        assertError(call(ApiEvents.get("/albums/demo").bearer("client").query("file_name", "a").query("file_name", "b")), 400, "BAD_REQUEST");
        assertError(call(ApiEvents.get("/albums/de%zzmo").bearer("client")), 400, "BAD_REQUEST");
    }

    @Test
    void aMalformedQueryStringOrPathIs400WithTheApisErrorBodyWhereverItPoints() {
        for (String path : java.util.List.of("/x", "/me", "/albums/demo", "/api/albums/demo")) {
            for (String query : java.util.List.of("%ZZ=1", "file_name=%", "file_name=a%2", "file_name=%E9", "a=1&%C3%28=2")) {
                var response = call(ApiEvents.get(path).bearer("client").rawQuery(query));
                assertError(response, 400, "BAD_REQUEST");
                assertEquals("The address contains a malformed %-escape", ApiEvents.body(response).at("/error/message").asText(), path + "?" + query);
            }
        }
        for (String path : java.util.List.of("/x%ZZ", "/albums/%", "/albums/demo/users/%E9", "/nowhere/%C3%28")) {
            assertError(call(ApiEvents.get(path).bearer("client")), 400, "BAD_REQUEST");
        }
        assertError(call(ApiEvents.get("/x").rawQuery("%ZZ=1")), 401, "UNAUTHORIZED");
        assertEquals(200, call(ApiEvents.get("/albums/demo").bearer("client").rawQuery("file_name=a%20b%2Bc&&x")).getStatusCode());
    }

    @Test
    void anEmptyEventIsAnsweredNotThrown() {
        assertError(router.handle(null, null), 400, "BAD_REQUEST");
        assertTrue(Optional.ofNullable(router.handle(new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent(), "x")).isPresent());
    }
}
