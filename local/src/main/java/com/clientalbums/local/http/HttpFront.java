package com.clientalbums.local.http;

import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runner's one HTTP listener, on 127.0.0.1 only: Jetty's core server (the Jetty S3Proxy
 * brings). It is bound before anything else starts, so the port (chosen by the OS when 0) is
 * known for the issuer URL and S3's CORS origin. One virtual thread per request: the API
 * handlers block on AWS calls. A request target with a malformed %-escape ({@code ?%ZZ=1})
 * reaches the routes, as API Gateway passes it to the function, whose router answers 400.
 */
public final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    /**
     * What Jetty would refuse before our code runs but API Gateway hands to the function: escapes
     * that are not UTF-8, and an encoded slash ({@code %2F}, which the routes read still encoded;
     * the static site refuses a decoded {@code ..} itself).
     */
    private static final UriCompliance AS_API_GATEWAY = UriCompliance.DEFAULT.with("api-gateway",
            UriCompliance.Violation.BAD_PERCENT_ENCODING, UriCompliance.Violation.BAD_UTF8_ENCODING,
            UriCompliance.Violation.TRUNCATED_UTF8_ENCODING, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR);

    private record Prefixed(String prefix, Route route) {}

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Prefixed> routes = new CopyOnWriteArrayList<>();
    private boolean closed;

    private HttpFront(int port) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("http-front");
        threads.setVirtualThreadsExecutor(virtualThreads);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setUriCompliance(AS_API_GATEWAY);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Exception cutShort = dispatch(new Exchange(request, response));
                // An answer cut short by a failure must not look complete: the connection is aborted.
                if (cutShort != null) callback.failed(cutShort);
                else callback.succeeded();
                return true;
            }
        });
    }

    /** Listens on {@code port} of 127.0.0.1 (0: any free port); routes answer once {@link #start} is called. */
    public static HttpFront bind(int port) throws IOException {
        HttpFront front = new HttpFront(port);
        try {
            front.connector.open();
            return front;
        } catch (IOException e) {
            front.close();
            throw new IOException("port " + port + " on 127.0.0.1 is taken; choose another with --port", e);
        }
    }

    public int port() { return connector.getLocalPort(); }

    /** Requests whose path starts with {@code prefix} (longest prefix wins) go to {@code route}. */
    public void route(String prefix, Route route) {
        routes.add(new Prefixed(prefix, route));
        routes.sort(Comparator.comparingInt((Prefixed p) -> p.prefix().length()).reversed());
    }

    public void start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the HTTP front did not start", e);
        }
    }

    /**
     * Answers the request: a route that fails before its answer has gone out is answered 500.
     * Returns the failure only when the answer was already on its way and is now cut short.
     */
    private Exception dispatch(Exchange ex) {
        String path = ex.rawPath();
        Route route = routes.stream().filter(p -> path.startsWith(p.prefix())).map(Prefixed::route).findFirst()
                .orElse(nothing -> Exchanges.sendError(nothing, 404, "NOT_FOUND", "Nothing here"));
        try {
            route.handle(ex);
            return null;
        } catch (Exception e) {
            LOG.error("{} {} failed", ex.method(), path, e);
            if (ex.committed()) return e;
            try {
                ex.reset();
                // The exception's text stays in the log: it can name files, keys and internals.
                Exchanges.sendError(ex, 500, "INTERNAL", "The local runner failed; its log has the details.");
            } catch (IOException | RuntimeException notSent) {
                LOG.debug("the 500 for {} {} was not sent: {}", ex.method(), path, notSent.toString());
                return e;
            }
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP front: {}", e.toString());
        }
        virtualThreads.shutdownNow();
    }
}
