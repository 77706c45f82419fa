package com.clientalbums.local.http;


import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the built front end ({@code frontend/dist}) the way CloudFront does in AWS:
 * {@code /albums} and {@code /albums/} answer {@code albums/index.html} and every share link
 * {@code /s/{token}} the one guest page {@code s/index.html} (Terraform's viewer-request
 * function), a missing file answers 404 with the site's 404 page (or the home page), and the
 * security headers of AWS's "SecurityHeadersPolicy" are set. Astro's hashed files under
 * {@code /_astro/} are cached for a year; pages are revalidated on every load.
 */
public final class StaticSite implements Route {
    /** Share links' addresses: one page for every token, which it reads from the address. */
    private static final String SHARE_LINKS = "/s/";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("xml", "application/xml"));

    private final Path root;

    public StaticSite(Path root) { this.root = root.toAbsolutePath().normalize(); }

    @Override
    public void handle(Exchange ex) throws IOException {
        securityHeaders(ex);
        String method = ex.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.setHeader("Allow", "GET, HEAD");
            Exchanges.send(ex, 405, "text/plain; charset=utf-8", "Method not allowed".getBytes());
            return;
        }
        String path = ex.path();
        Optional<Path> file = resolve(path);
        int status = 200;
        if (file.isEmpty()) {
            status = 404;
            file = regular(root.resolve("404.html")).or(() -> regular(root.resolve("index.html")));
            if (file.isEmpty()) {
                Exchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found".getBytes());
                return;
            }
        }
        serve(ex, status, path, file.get());
    }

    /** The file for a URL path, with CloudFront's index rules; never outside the site folder. */
    Optional<Path> resolve(String urlPath) {
        if (urlPath == null || !urlPath.startsWith("/") || urlPath.contains("\0")) return Optional.empty();
        if (urlPath.startsWith(SHARE_LINKS)) return regular(root.resolve("s/index.html"));
        String relative = urlPath.substring(1);
        String last = relative.substring(relative.lastIndexOf('/') + 1);
        if (relative.isEmpty() || relative.endsWith("/")) relative += "index.html";
        else if (!last.contains(".")) relative += "/index.html";
        for (String segment : relative.split("/")) {
            if (segment.equals("..") || segment.equals(".")) return Optional.empty();
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) return Optional.empty();
        return regular(candidate);
    }

    private static Optional<Path> regular(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static void serve(Exchange ex, int status, String urlPath, Path file) throws IOException {
        long size = Files.size(file);
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(Files.getLastModifiedTime(file).toMillis()) + "\"";
        ex.setHeader("Content-Type", contentType(file));
        ex.setHeader("Cache-Control", urlPath.startsWith("/_astro/") ? "public, max-age=31536000, immutable" : "no-cache");
        ex.setHeader("ETag", etag);
        if (status == 200 && etag.equals(ex.requestHeader("If-None-Match"))) {
            ex.send(304, null);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            ex.send(status, size, in);
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /** AWS's managed SecurityHeadersPolicy, minus HSTS (this is plain http on loopback). */
    static void securityHeaders(Exchange ex) {
        ex.setHeader("X-Content-Type-Options", "nosniff");
        ex.setHeader("X-Frame-Options", "SAMEORIGIN");
        ex.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        ex.setHeader("X-XSS-Protection", "1; mode=block");
    }

    /** The page served at every path when the front end has not been built. */
    public static Route notBuilt(Path expected) {
        String page = """
                <!doctype html><html lang="en"><meta charset="utf-8"><title>Client albums - local runner</title>
                <body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
                <h1>The front end is not built yet</h1>
                <p>The local runner serves the portal from <code>%s</code>, which does not exist.
                Build it, then reload this page (no restart needed):</p>
                <pre>./mvnw -B -q -DskipTests install</pre><p>or</p>
                <pre>(cd frontend &amp;&amp; npm ci &amp;&amp; npm run build)</pre>
                <p>The API is up meanwhile under <code>/api</code>, sign-in under <code>/local-auth/token</code>.</p>
                </body></html>
                """.formatted(expected.toString().replace("&", "&amp;").replace("<", "&lt;"));
        return ex -> {
            securityHeaders(ex);
            ex.setHeader("Cache-Control", "no-store");
            Exchanges.send(ex, ex.path().equals("/") ? 200 : 404, "text/html; charset=utf-8",
                    page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    }

    /** Serves the site once its folder exists, the "not built" page until then: a build needs no restart. */
    public static Route whenBuilt(Path root) {
        Route site = new StaticSite(root);
        Route missing = notBuilt(root);
        return ex -> (Files.isDirectory(root) ? site : missing).handle(ex);
    }
}
