package com.clientalbums.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runner's one HTTP listener, on 127.0.0.1 only. It is bound before anything else starts,
 * so the port (chosen by the OS when 0) is known for the issuer URL and S3's CORS origin.
 * One virtual thread per request: the API handlers block on AWS calls.
 */
public final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private boolean closed;

    private HttpFront(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
    }

    public static HttpFront bind(int port) throws IOException {
        try {
            return new HttpFront(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024));
        } catch (java.net.BindException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is taken; choose another with --port", e);
        }
    }

    public int port() { return server.getAddress().getPort(); }

    /** Requests whose path starts with {@code prefix} (longest prefix wins) go to {@code handler}. */
    public void route(String prefix, HttpHandler handler) {
        server.createContext(prefix, ex -> guarded(handler, ex));
    }

    public void start() { server.start(); }

    private static void guarded(HttpHandler handler, HttpExchange ex) throws IOException {
        try {
            handler.handle(ex);
        } catch (Exception e) {
            LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            try {
                // The exception's text stays in the log: it can name files, keys and internals.
                Exchanges.sendError(ex, 500, "INTERNAL", "The local runner failed; its log has the details.");
            } catch (IOException | RuntimeException alreadySent) {
                ex.close();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
