package com.clientalbums.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback stand-in of the Lambda Runtime API (version 2018-06-01) that serves one invocation,
 * as Lambda does for a fresh execution environment:
 * <pre>
 *   GET  /2018-06-01/runtime/invocation/next            the event, with the request id and deadline headers;
 *                                                        a second call waits, as Lambda's does between invocations
 *   POST /2018-06-01/runtime/invocation/{id}/response   the handler's answer
 *   POST /2018-06-01/runtime/invocation/{id}/error      the handler threw
 *   POST /2018-06-01/runtime/init/error                 the handler could not be loaded or constructed
 * </pre>
 * The runtime interface client calls {@code /next} once its handler is loaded and constructed, so
 * the moment of the first {@code /next} ends the function's init; the answer's arrival ends its
 * first invocation. Both are taken with {@link System#nanoTime()} in this JVM, the one that starts
 * the function's.
 */
final class RuntimeApiStandIn implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Duration DEADLINE = Duration.ofMinutes(15);

    /** What the function sent back, and when (nanoTime) it asked for its first event and answered. */
    record Outcome(Kind kind, String body, long firstNextNanos, long answeredNanos) {
        enum Kind { RESPONSE, INVOCATION_ERROR, INIT_ERROR }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String event;
    private final String requestId = UUID.randomUUID().toString();
    private final AtomicBoolean delivered = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile long firstNextNanos;

    RuntimeApiStandIn(String event) throws IOException {
        this.event = event;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A second /next is held open until close, so it must not hold the thread that takes the answer.
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the function. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
            next(exchange);
        } else if (path.equals("invocation/" + requestId + "/response")) {
            answer(exchange, Outcome.Kind.RESPONSE, text);
        } else if (path.equals("invocation/" + requestId + "/error")) {
            answer(exchange, Outcome.Kind.INVOCATION_ERROR, text);
        } else if (path.equals("init/error")) {
            answer(exchange, Outcome.Kind.INIT_ERROR, text);
        } else {
            send(exchange, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        if (!delivered.compareAndSet(false, true)) {
            // Lambda freezes the environment here until the next event; the stand-in has none to give.
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        firstNextNanos = System.nanoTime();
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", requestId);
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + DEADLINE.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-2:123456789012:function:cold-start");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        send(exchange, 200, event);
    }

    private void answer(HttpExchange exchange, Outcome.Kind kind, String body) throws IOException {
        long now = System.nanoTime();
        send(exchange, 202, "{\"status\":\"OK\"}");
        outcome.complete(new Outcome(kind, body, firstNextNanos, now));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
