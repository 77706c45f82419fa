package com.clientalbums.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Small helpers for the routes: bodies in, JSON and errors out. */
public final class Exchanges {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway refuses request bodies over 10 MB; so does the runner. */
    public static final int MAX_BODY = 10 * 1024 * 1024;

    private Exchanges() {}

    public static void send(Exchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) ex.setHeader("Content-Type", contentType);
        ex.send(status, body);
    }

    public static void sendJson(Exchange ex, int status, Object value) throws IOException {
        byte[] body = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
        send(ex, status, "application/json", body);
    }

    /** The system's error shape: {@code {"error":{"code","message"}}}. */
    public static void sendError(Exchange ex, int status, String code, String message) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", code).put("message", message);
        sendJson(ex, status, root);
    }

    public static boolean isLoopback(Exchange ex) {
        return ex.remoteAddress() != null && ex.remoteAddress().getAddress().isLoopbackAddress();
    }
}
