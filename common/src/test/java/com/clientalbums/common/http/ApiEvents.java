package com.clientalbums.common.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway HTTP API (payload 2.0) events as AWS sends them: the JSON is written in the
 * documented shape and read by Lambda's own serializer, so handlers are tested on the event
 * objects the Java runtime would give them.
 */
public final class ApiEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ApiEvents.class.getClassLoader());

    private ApiEvents() {}

    public static Request get(String path) { return new Request("GET", path); }

    public static Request post(String path) { return new Request("POST", path); }

    public static Request put(String path) { return new Request("PUT", path); }

    public static Request patch(String path) { return new Request("PATCH", path); }

    public static Request delete(String path) { return new Request("DELETE", path); }

    /** Reads event JSON with the Lambda runtime's serializer. */
    public static APIGatewayV2HTTPEvent parse(String json) {
        return SERIALIZER.fromJson(json);
    }

    /** A response's JSON body (an empty object for none). */
    public static com.fasterxml.jackson.databind.JsonNode body(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response) {
        try {
            String b = response.getBody();
            return b == null || b.isEmpty() ? JSON.createObjectNode() : JSON.readTree(b);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("response body is not JSON: " + response.getBody(), e);
        }
    }

    /** Percent-encodes one path segment or query value (space as %20, '/' encoded). */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static final class Request {
        private final String method;
        private final String rawPath;
        private final List<String[]> query = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String routeKey = "$default";
        private String rawQuery;
        private String body;
        private boolean base64;

        private Request(String method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
            headers.put("accept", "application/json");
            headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
            headers.put("user-agent", "junit");
        }

        public Request bearer(String token) { return header("authorization", "Bearer " + token); }

        public Request header(String name, String value) { headers.put(name.toLowerCase(), value); return this; }

        public Request query(String name, String value) { query.add(new String[] {name, value}); return this; }

        /** The query string exactly as the client sent it, which API Gateway passes on undecoded. */
        public Request rawQuery(String raw) { this.rawQuery = raw; return this; }

        /** The route API Gateway matched, e.g. {@code GET /albums/{album_id}} (default {@code $default}). */
        public Request routeKey(String key) { this.routeKey = key; return this; }

        public Request body(String json) {
            this.body = json;
            headers.put("content-type", "application/json");
            return this;
        }

        public Request base64Body(byte[] bytes) {
            this.body = java.util.Base64.getEncoder().encodeToString(bytes);
            this.base64 = true;
            return this;
        }

        public String json() {
            ObjectNode root = JSON.createObjectNode();
            root.put("version", "2.0");
            root.put("routeKey", routeKey);
            root.put("rawPath", rawPath);
            StringBuilder raw = new StringBuilder();
            ObjectNode params = JSON.createObjectNode();
            for (String[] q : query) {
                if (!raw.isEmpty()) raw.append('&');
                raw.append(encode(q[0])).append('=').append(encode(q[1]));
                // API Gateway joins repeated values with commas here.
                params.put(q[0], params.has(q[0]) ? params.get(q[0]).asText() + "," + q[1] : q[1]);
            }
            root.put("rawQueryString", rawQuery != null ? rawQuery : raw.toString());
            ObjectNode h = root.putObject("headers");
            headers.forEach(h::put);
            if (!query.isEmpty()) root.set("queryStringParameters", params);
            ObjectNode context = root.putObject("requestContext");
            context.put("accountId", "123456789012");
            context.put("apiId", "abc123");
            context.put("domainName", "abc123.execute-api.eu-west-1.amazonaws.com");
            context.put("domainPrefix", "abc123");
            ObjectNode http = context.putObject("http");
            http.put("method", method);
            http.put("path", rawPath);
            http.put("protocol", "HTTP/1.1");
            http.put("sourceIp", "192.0.2.1");
            http.put("userAgent", "junit");
            context.put("requestId", "req-" + UUID.randomUUID());
            context.put("routeKey", routeKey);
            context.put("stage", "$default");
            context.put("time", "29/Nov/2026:12:00:00 +0000");
            context.put("timeEpoch", 1_795_953_600_000L);
            if (body != null) root.put("body", body);
            root.put("isBase64Encoded", base64);
            return root.toString();
        }

        public APIGatewayV2HTTPEvent event() {
            return parse(json());
        }
    }
}
