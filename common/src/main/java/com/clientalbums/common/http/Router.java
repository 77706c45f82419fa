package com.clientalbums.common.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.auth.Authenticator;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A small router over API Gateway HTTP API (payload 2.0) events: authenticate the caller,
 * find the route by method and path, run it, and render its answer or its error, in this one
 * place, as {@code {"error": {"code", "message"}}} with the error code's status.
 *
 * <p>The path is matched on {@code rawPath}: in AWS that is {@code /albums/demo/download}
 * (the {@code $default} stage), and the local runner sends the same without its {@code /api}
 * prefix. When API Gateway names the route it matched ({@code routeKey}, e.g.
 * {@code GET /albums/{album_id}}) and the path carries a prefix (a named stage, a base path
 * mapping), that route is used and matched against the path's last segments. A path under
 * {@value #API_PREFIX} that matches nothing is tried again without it, so a deployment that
 * forwards {@code /api/*} unchanged (a CDN in front of the API, say) needs no rewriting. A known
 * path asked with another method is 405 with {@code Allow}, an unknown one 404.
 *
 * <p>Every route needs a verified caller; a router built with {@link Builder#adminOnly()}
 * refuses anyone else with 403, before any route runs. A path or query string with a malformed
 * %-escape, or escapes that are not UTF-8, is then 400, whether or not a route matches.
 */
public final class Router {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());
    public static final int DEFAULT_BODY_LIMIT = 64 * 1024;
    static final String API_PREFIX = "/api";
    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json; charset=utf-8",
            "cache-control", "no-store");

    private final Authenticator authenticator;
    private final List<Entry> routes;
    private final boolean adminOnly;
    private final int bodyLimit;
    private final int publicBodyLimit;

    private Router(Authenticator authenticator, List<Entry> routes, boolean adminOnly, int bodyLimit, int publicBodyLimit) {
        this.authenticator = authenticator;
        this.routes = List.copyOf(routes);
        this.adminOnly = adminOnly;
        this.bodyLimit = bodyLimit;
        this.publicBodyLimit = publicBodyLimit;
    }

    public static Builder builder(Authenticator authenticator) { return new Builder(authenticator); }

    /**
     * Answers one event; never throws.
     *
     * @param fallbackRequestId Lambda's request id, used when the event carries none
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, String fallbackRequestId) {
        String requestId = requestId(event, fallbackRequestId);
        String method = "?";
        String path = "?";
        try {
            if (event == null) throw AlbumsException.badRequest("Empty event");
            method = method(event);
            path = path(event);
            Map<String, String> headers = headers(event);
            Lookup lookup = lookup(method, path, event.getRouteKey());
            // Only a public route is answered without a token; everything else, even an unknown
            // address, asks for one first, so an address says nothing to a caller without one.
            boolean open = lookup instanceof Found found && found.handler() instanceof Handler.Public;
            Caller caller = open ? null : authenticator.authenticate(Optional.ofNullable(headers.get("authorization")));
            if (!open && adminOnly && !caller.isAdmin()) {
                throw new AlbumsException(ErrorCode.FORBIDDEN, "This page is for the studio only");
            }
            // A malformed address is 400 wherever it points, before a route or a 404 could say otherwise.
            PercentDecoding.decodePath(path);
            Map<String, List<String>> query = query(event);
            return switch (lookup) {
                case Found found -> render(found.handler().handle(
                        new ApiRequest(method, path, found.params(), query, headers,
                                body(event, open ? publicBodyLimit : bodyLimit), requestId), caller));
                case WrongMethod wrong -> withAllow(error(ErrorCode.METHOD_NOT_ALLOWED,
                        "This address does not accept " + method + " requests"), wrong.allowed());
                case Unknown unknown -> error(ErrorCode.NOT_FOUND, "No such address");
            };
        } catch (AlbumsException e) {
            if (e.code().httpStatus() >= 500) {
                LOG.log(System.Logger.Level.ERROR, "request " + requestId + " " + method + " " + path + " failed: " + e.getMessage(), e);
            }
            return error(e.code(), e.getMessage());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " " + method + " " + path + " failed unexpectedly", e);
            return error(ErrorCode.INTERNAL, "Something went wrong on our side. Please try again in a moment. (Reference: " + requestId + ")");
        }
    }

    // ---- rendering --------------------------------------------------------------------------

    private static APIGatewayV2HTTPResponse render(ApiResponse response) {
        var builder = APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withIsBase64Encoded(false);
        if (response.status() == 204 || response.body() == null) {
            return builder.withHeaders(Map.of("cache-control", "no-store")).build();
        }
        if (response.body() instanceof Attachment file) {
            // Base64, as API Gateway takes any body that is not text to send as JSON; it sends the bytes.
            return builder.withIsBase64Encoded(true)
                    .withHeaders(Map.of("content-type", file.contentType(),
                            "content-disposition", ContentDisposition.attachment(file.fileName()),
                            "cache-control", "no-store", "x-content-type-options", "nosniff"))
                    .withBody(Base64.getEncoder().encodeToString(file.content())).build();
        }
        return builder.withHeaders(JSON_HEADERS).withBody(Json.write(response.body())).build();
    }

    /** A 405 names the methods the address does answer (RFC 9110, section 15.5.6). */
    private static APIGatewayV2HTTPResponse withAllow(APIGatewayV2HTTPResponse response, List<String> allowed) {
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.put("allow", String.join(", ", allowed));
        response.setHeaders(headers);
        return response;
    }

    /** The one place errors become answers. */
    public static APIGatewayV2HTTPResponse error(ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(code.httpStatus()).withIsBase64Encoded(false)
                .withHeaders(JSON_HEADERS).withBody(Json.write(Map.of("error", error))).build();
    }

    // ---- reading the event ------------------------------------------------------------------

    private static String requestId(APIGatewayV2HTTPEvent event, String fallback) {
        if (event != null && event.getRequestContext() != null && notBlank(event.getRequestContext().getRequestId())) {
            return event.getRequestContext().getRequestId();
        }
        return notBlank(fallback) ? fallback : UUID.randomUUID().toString();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context != null && context.getHttp() != null && notBlank(context.getHttp().getMethod())) {
            return context.getHttp().getMethod().toUpperCase(Locale.ROOT);
        }
        String routeKey = event.getRouteKey();
        if (notBlank(routeKey) && routeKey.indexOf(' ') > 0) return routeKey.substring(0, routeKey.indexOf(' ')).toUpperCase(Locale.ROOT);
        throw AlbumsException.badRequest("The request has no method");
    }

    private static String path(APIGatewayV2HTTPEvent event) {
        if (notBlank(event.getRawPath())) return event.getRawPath();
        var context = event.getRequestContext();
        if (context != null && context.getHttp() != null && notBlank(context.getHttp().getPath())) return context.getHttp().getPath();
        throw AlbumsException.badRequest("The request has no path");
    }

    private static Map<String, String> headers(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> { if (k != null && v != null) headers.put(k.toLowerCase(Locale.ROOT), v); });
        }
        return headers;
    }

    /**
     * Query parameters from {@code rawQueryString} when present: API Gateway's
     * {@code queryStringParameters} joins repeated values with commas, which would mangle a
     * file name that contains one.
     */
    private static Map<String, List<String>> query(APIGatewayV2HTTPEvent event) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = event.getRawQueryString();
        if (notBlank(raw)) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = PercentDecoding.decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : PercentDecoding.decodeQuery(pair.substring(eq + 1));
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        } else if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((k, v) -> query.put(k, List.of(v)));
        }
        return query;
    }

    private static String body(APIGatewayV2HTTPEvent event, int bodyLimit) {
        String body = event.getBody();
        if (body == null) return null;
        if (event.getIsBase64Encoded()) {
            if (body.length() > (bodyLimit / 3 + 1) * 4) throw tooLarge(bodyLimit);
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw AlbumsException.badRequest("The request body is not valid base64");
            }
            if (bytes.length > bodyLimit) throw tooLarge(bodyLimit);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // A char is at most 3 UTF-8 bytes: only long bodies need counting.
        if (body.length() > bodyLimit / 3 && body.getBytes(StandardCharsets.UTF_8).length > bodyLimit) throw tooLarge(bodyLimit);
        return body;
    }

    private static AlbumsException tooLarge(int bodyLimit) {
        return new AlbumsException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + bodyLimit / 1024 + " KB");
    }

    // ---- matching ---------------------------------------------------------------------------

    private record Entry(String method, String pattern, String[] segments, Handler handler) {}

    /** Who a route is for, by the type of its function. */
    private sealed interface Handler {
        ApiResponse handle(ApiRequest request, Caller caller) throws Exception;

        record SignedIn(Route route) implements Handler {
            @Override
            public ApiResponse handle(ApiRequest request, Caller caller) throws Exception {
                return switch (caller) {
                    case Caller.SignedIn person -> route.handle(request, person);
                    case Caller.Guest guest -> throw new AlbumsException(ErrorCode.UNAUTHORIZED, "Please sign in to see this page.");
                };
            }
        }

        record Viewer(ViewerRoute route) implements Handler {
            @Override
            public ApiResponse handle(ApiRequest request, Caller caller) throws Exception {
                return route.handle(request, caller);
            }
        }

        record Public(PublicRoute route) implements Handler {
            @Override
            public ApiResponse handle(ApiRequest request, Caller caller) throws Exception {
                return route.handle(request);
            }
        }
    }

    /** What a method and path lead to: a route, a known address asked with the wrong method, or nothing. */
    private sealed interface Lookup permits Found, WrongMethod, Unknown {}

    private record Found(Handler handler, Map<String, String> params) implements Lookup {}

    private record WrongMethod(List<String> allowed) implements Lookup {}

    private record Unknown() implements Lookup {}

    private Lookup lookup(String method, String path, String routeKey) {
        Lookup direct = lookup(method, split(path), routeKey);
        if (!(direct instanceof Unknown) || !path.startsWith(API_PREFIX + "/")) return direct;
        return lookup(method, split(path.substring(API_PREFIX.length())), routeKey);
    }

    private Lookup lookup(String method, String[] segments, String routeKey) {
        List<String> allowed = new ArrayList<>();
        for (Entry e : routes) {
            Map<String, String> params = bind(e.segments(), segments, 0);
            if (params == null) continue;
            if (e.method().equals(method)) return new Found(e.handler(), params);
            if (!allowed.contains(e.method())) allowed.add(e.method());
        }
        if (allowed.isEmpty() && notBlank(routeKey) && routeKey.indexOf(' ') > 0) {
            // Behind a stage prefix: the pattern API Gateway matched, bound to the path's last segments.
            String pattern = routeKey.substring(routeKey.indexOf(' ') + 1);
            for (Entry e : routes) {
                if (!e.pattern().equals(pattern)) continue;
                int offset = segments.length - e.segments().length;
                Map<String, String> params = offset > 0 ? bind(e.segments(), segments, offset) : null;
                if (params == null) continue;
                if (e.method().equals(method)) return new Found(e.handler(), params);
                if (!allowed.contains(e.method())) allowed.add(e.method());
            }
        }
        return allowed.isEmpty() ? new Unknown() : new WrongMethod(List.copyOf(allowed));
    }

    /** Binds the pattern to the path's segments from {@code offset}; null when they do not match. */
    private static Map<String, String> bind(String[] pattern, String[] path, int offset) {
        if (path.length - offset != pattern.length) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            String raw = path[offset + i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (raw.isEmpty()) return null;
                params.put(p.substring(1, p.length() - 1), PercentDecoding.decodePath(raw));
            } else if (!p.equals(raw)) {
                return null;
            }
        }
        return params;
    }

    /** "/albums/demo/" → ["albums", "demo"]; one trailing slash is forgiven. */
    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static boolean notBlank(String s) { return s != null && !s.isBlank(); }

    /** Declares the routes of one API. */
    public static final class Builder {
        private final Authenticator authenticator;
        private final List<Entry> routes = new ArrayList<>();
        private boolean adminOnly;
        private int bodyLimit = DEFAULT_BODY_LIMIT;
        private Integer publicBodyLimit;

        private Builder(Authenticator authenticator) { this.authenticator = authenticator; }

        public Builder get(String pattern, Route route) { return add("GET", pattern, new Handler.SignedIn(route)); }

        public Builder post(String pattern, Route route) { return add("POST", pattern, new Handler.SignedIn(route)); }

        public Builder put(String pattern, Route route) { return add("PUT", pattern, new Handler.SignedIn(route)); }

        public Builder patch(String pattern, Route route) { return add("PATCH", pattern, new Handler.SignedIn(route)); }

        public Builder delete(String pattern, Route route) { return add("DELETE", pattern, new Handler.SignedIn(route)); }

        /** A GET that a share link's guest may use too (the album and its downloads). */
        public Builder getForViewers(String pattern, ViewerRoute route) { return add("GET", pattern, new Handler.Viewer(route)); }

        /** A POST that a share link's guest may use too (their favourites, their name). */
        public Builder postForViewers(String pattern, ViewerRoute route) { return add("POST", pattern, new Handler.Viewer(route)); }

        /** A POST that needs no token ({@code POST /share/session}); not for an {@link #adminOnly} router. */
        public Builder publicPost(String pattern, PublicRoute route) {
            if (adminOnly) throw new IllegalStateException("an admin-only router has no public routes");
            return add("POST", pattern, new Handler.Public(route));
        }

        /** Every route refuses a caller who is not the photographer (403). */
        public Builder adminOnly() {
            this.adminOnly = true;
            return this;
        }

        /** Largest request body accepted, in bytes (413 above). */
        public Builder bodyLimit(int bytes) {
            this.bodyLimit = bytes;
            return this;
        }

        private Builder add(String method, String pattern, Handler handler) {
            if (!pattern.startsWith("/")) throw new IllegalArgumentException("pattern must start with '/': " + pattern);
            routes.add(new Entry(method, pattern, split(pattern), handler));
            return this;
        }

        /** Largest body a public route (one without a token) accepts; {@link #bodyLimit} unless set. */
        public Builder publicBodyLimit(int bytes) {
            this.publicBodyLimit = bytes;
            return this;
        }

        public Router build() {
            return new Router(authenticator, routes, adminOnly, bodyLimit, publicBodyLimit == null ? bodyLimit : publicBodyLimit);
        }
    }
}
