package com.clientalbums.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for the JDK HTTP server: bodies in, JSON and errors out. */
public final class Exchanges {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway refuses request bodies over 10 MB; so does the runner. */
    public static final int MAX_BODY = 10 * 1024 * 1024;

    private Exchanges() {}

    /** The request body, or {@code null} when it is larger than {@code max} bytes. */
    public static byte[] body(HttpExchange ex, int max) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        }
    }

    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) ex.getResponseHeaders().set("Content-Type", contentType);
        boolean noBody = body == null || body.length == 0 || status == 204 || status == 304
                || "HEAD".equals(ex.getRequestMethod());
        // The JDK server reads length 0 as "chunked": -1 is how it says "no body".
        ex.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    public static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
        byte[] body = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
        send(ex, status, "application/json", body);
    }

    /** The system's error shape: {@code {"error":{"code","message"}}}. */
    public static void sendError(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", code).put("message", message);
        sendJson(ex, status, root);
    }

    public static boolean isLoopback(HttpExchange ex) {
        return ex.getRemoteAddress() != null && ex.getRemoteAddress().getAddress().isLoopbackAddress();
    }
}
