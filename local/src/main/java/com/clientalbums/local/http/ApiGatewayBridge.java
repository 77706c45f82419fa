package com.clientalbums.local.http;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.local.lambda.LocalContext;
import com.clientalbums.local.lambda.LocalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP API in front of the two API functions: {@code /api/admin/**} goes to the admin
 * function and every other {@code /api/**} to the client function, each as the payload 2.0
 * event API Gateway would send (path without {@code /api}), and the function's answer goes
 * back as API Gateway would return it. As in AWS, a function that throws is a 500
 * {@code {"message":"Internal Server Error"}} and, when routes are declared, an unknown route
 * is a 404 {@code {"message":"Not Found"}} that reaches no function.
 */
public final class ApiGatewayBridge implements Route {
    public static final String PREFIX = "/api";
    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayBridge.class);
    /** API Gateway's integration timeout; a slower answer would be a 503 there. */
    private static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(29);

    /** One of the two functions behind the API. */
    public record Target(LocalFunction function, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

    private final Target client;
    private final Target admin;
    private final RouteTable routes;
    private final String region;
    private final int port;

    public ApiGatewayBridge(Target client, Target admin, RouteTable routes, String region, int port) {
        this.client = client;
        this.admin = admin;
        this.routes = routes;
        this.region = region;
        this.port = port;
    }

    @Override
    public void handle(Exchange ex) throws IOException {
        long started = System.nanoTime();
        String fullPath = ex.rawPath();
        String rawPath = fullPath.length() <= PREFIX.length() ? "/" : fullPath.substring(PREFIX.length());
        byte[] body = ex.body(Exchanges.MAX_BODY);
        if (body == null) {
            Exchanges.sendJson(ex, 413, "{\"message\":\"Request Entity Too Large\"}");
            return;
        }
        RawRequest request = new RawRequest(ex.method(), rawPath, ex.rawQuery(),
                ex.requestHeaders(), body, ex.remoteAddress().getAddress().getHostAddress(), ex.protocol());
        var route = routes.match(request.method(), rawPath);
        if (route.isEmpty()) {
            Exchanges.sendJson(ex, 404, "{\"message\":\"Not Found\"}");
            log(request, 404, started, "no route");
            return;
        }
        Target target = rawPath.equals("/admin") || rawPath.startsWith("/admin/") ? admin : client;
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.from(request, route.get(), port, Instant.now());
        LocalContext context = LocalContext.startNow(target.function(), region);
        APIGatewayV2HTTPResponse response;
        try {
            response = target.handler().handleRequest(event, context);
        } catch (Throwable e) {
            LOG.error("{} failed on {} {}", target.function().name(), request.method(), fullPath, e);
            ex.setHeader("apigw-requestid", event.getRequestContext().getRequestId());
            Exchanges.sendJson(ex, 500, "{\"message\":\"Internal Server Error\"}");
            log(request, 500, started, "function error");
            return;
        }
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            LOG.error("{} returned no usable status code on {} {}", target.function().name(), request.method(), fullPath);
            Exchanges.sendJson(ex, 500, "{\"message\":\"Internal Server Error\"}");
            log(request, 500, started, "bad response");
            return;
        }
        write(ex, response, event.getRequestContext().getRequestId());
        log(request, response.getStatusCode(), started, target.function().name());
    }

    private static void write(Exchange ex, APIGatewayV2HTTPResponse response, String requestId) throws IOException {
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                ex.removeHeader(name);
                values.forEach(value -> ex.addHeader(name, value));
            });
        }
        if (response.getHeaders() != null) {
            for (Map.Entry<String, String> h : response.getHeaders().entrySet()) {
                if (h.getValue() != null) ex.setHeader(h.getKey(), h.getValue());
            }
        }
        if (response.getCookies() != null) {
            for (String cookie : response.getCookies()) ex.addHeader("Set-Cookie", cookie);
        }
        ex.setHeader("apigw-requestid", requestId);
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        Exchanges.send(ex, response.getStatusCode(), null, bytes);
    }

    private static void log(RawRequest request, int status, long startedNanos, String by) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        if (took.compareTo(GATEWAY_TIMEOUT) > 0) {
            LOG.warn("{} /api{} took {} s: API Gateway would have answered 503 after 29 s",
                    request.method(), request.rawPath(), took.toSeconds());
        }
        LOG.info("{} /api{}{} -> {} in {} ms ({})", request.method(), request.rawPath(),
                request.rawQuery() == null ? "" : "?" + request.rawQuery(), status, took.toMillis(), by);
    }
}
