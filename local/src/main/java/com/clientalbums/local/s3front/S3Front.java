package com.clientalbums.local.s3front;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * S3 as a client's download sees it, with S3's server access logs: a listener of its own on
 * 127.0.0.1 that forwards every request to S3Proxy unchanged and streams the answer back
 * ({@link Forwarding}), logging each one in S3's access log format ({@link AccessLogEntry}).
 * The client API's S3 endpoint points here, so its presigned links do; the logs reach the
 * access-log bucket every {@code flushEvery}, on {@link #flush()} (maintenance calls it before
 * reading them) and on {@link #close()}. S3 delivers its logs within hours; this is sooner
 * so the whole path can be watched.
 */
public final class S3Front implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Front.class);

    private final Server server;
    private final ServerConnector connector;
    private final HttpClient client;
    private final AccessLogBuffer log;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "s3-front-log-delivery");
        t.setDaemon(true);
        return t;
    });
    private boolean closed;

    private S3Front(URI s3, int port, AccessLogBuffer log, Clock clock) {
        this.log = log;
        client = new HttpClient();
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        // Passed through as the client sent it: no Accept-Encoding of its own, no cookies, no 401 handling.
        client.getContentDecoderFactories().clear();
        client.getProtocolHandlers().clear();
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setConnectTimeout(10_000);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("s3-front");
        threads.setVirtualThreadsExecutor(virtualThreads);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(false); // S3Proxy's Date is forwarded
        // A transparent proxy: S3Proxy judges the request target, as S3 would.
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Forwarding(client, s3, log::append, clock));
    }

    /** Listens on a free port of 127.0.0.1, forwarding to {@code s3}; delivers the logs every {@code flushEvery}. */
    public static S3Front start(URI s3, AccessLogBuffer log, Duration flushEvery, Clock clock) throws IOException {
        return start(s3, 0, log, flushEvery, clock);
    }

    /**
     * Listens on {@code port} of 127.0.0.1 (0: any free one). The runner keeps it stable across
     * restarts, as S3's port is: a download link handed out before a restart still works after it.
     */
    public static S3Front start(URI s3, int port, AccessLogBuffer log, Duration flushEvery, Clock clock) throws IOException {
        S3Front front = new S3Front(s3, port, log, clock);
        try {
            front.client.start();
            front.server.start();
        } catch (Exception e) {
            front.close();
            throw new IOException("the S3 front did not start", e);
        }
        front.timer.scheduleWithFixedDelay(front::scheduledFlush, flushEvery.toMillis(), flushEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        return front;
    }

    /** The front's address, e.g. {@code http://127.0.0.1:40123}: the S3 endpoint of whatever should be logged. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** Delivers the records logged so far as one log object; its key, or empty when there were none. */
    public Optional<String> flush() {
        return log.flush();
    }

    private void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("S3 access logs not delivered, kept for the next try: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        timer.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the S3 front: {}", e.toString());
        }
        try {
            client.stop();
        } catch (Exception e) {
            LOG.warn("stopping the S3 front's client: {}", e.toString());
        }
        virtualThreads.shutdownNow();
        try {
            log.flush();
        } catch (RuntimeException e) {
            LOG.warn("the last S3 access logs were not delivered: {}", e.toString());
        }
    }
}
