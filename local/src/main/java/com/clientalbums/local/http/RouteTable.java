package com.clientalbums.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's route matching for an HTTP API with routes such as
 * {@code GET /albums/{album_id}/download}: which route a request hits (its {@code routeKey})
 * and the decoded path parameters. With no routes, every request hits {@code $default}, as
 * with an API whose only route is the default one.
 */
public final class RouteTable {
    public static final String DEFAULT_ROUTE = "$default";

    private final List<String> routeKeys;

    public RouteTable(List<String> routeKeys) { this.routeKeys = List.copyOf(routeKeys); }

    public static RouteTable defaultOnly() { return new RouteTable(List.of()); }

    public boolean isDefaultOnly() { return routeKeys.isEmpty(); }

    /** The matched route and its parameters; empty when routes are declared and none matches (API Gateway's 404). */
    public Optional<Match> match(String method, String rawPath) {
        if (routeKeys.isEmpty()) return Optional.of(new Match(DEFAULT_ROUTE, null));
        String[] segments = split(rawPath);
        for (String key : routeKeys) {
            int space = key.indexOf(' ');
            String routeMethod = key.substring(0, space);
            if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) continue;
            Map<String, String> params = matchPath(split(key.substring(space + 1)), segments);
            if (params != null) return Optional.of(new Match(key, params.isEmpty() ? null : params));
        }
        return Optional.empty();
    }

    /** A route hit; {@code pathParameters} is null when the route has none (API Gateway omits the field). */
    public record Match(String routeKey, Map<String, String> pathParameters) {}

    private static Map<String, String> matchPath(String[] template, String[] path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("+}")) {
                if (i >= path.length) return null;
                String rest = String.join("/", java.util.Arrays.copyOfRange(path, i, path.length));
                params.put(t.substring(1, t.length() - 2), decode(rest));
                return params;
            }
            if (i >= path.length) return null;
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) return null;
                params.put(t.substring(1, t.length() - 1), decode(path[i]));
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return template.length == path.length ? params : null;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String decode(String s) {
        // Path segments: '+' is a plus, not a space.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
