package com.clientalbums.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP/1.1 proxy in front of one service: the SDK talks to it over real TCP as it
 * would to AWS, and it forwards each request byte for byte (the SigV4 signature covers the
 * {@code Host} the client sent, so nothing is rewritten) to the real server, one upstream
 * connection per request. The {@link FaultPlan} decides per request whether to spoil it: answer
 * with the service's own error, hold it unanswered, or reset the connection before the request
 * is read or halfway through the server's answer.
 */
public final class FaultyWire implements AutoCloseable {
    /** A held request is released (its connection closed) at the latest after this, if its client never gives up. */
    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(60);

    private final Service service;
    private final URI upstream;
    private final FaultPlan plan;
    private final ServerSocket listener;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private FaultyWire(Service service, URI upstream, FaultPlan plan) throws IOException {
        this.service = service;
        this.upstream = upstream;
        this.plan = plan;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = Thread.ofPlatform().daemon().name("faulty-wire-" + service).start(this::accept);
        acceptor.setUncaughtExceptionHandler((t, e) -> { });
    }

    /** Starts a wire in front of {@code upstream} (an {@code http://host:port} endpoint). */
    public static FaultyWire start(Service service, URI upstream, FaultPlan plan) throws IOException {
        return new FaultyWire(service, upstream, plan);
    }

    /** The endpoint clients use instead of the server's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                connections.submit(() -> serve(client));
            } catch (IOException e) {
                if (closed) return;
            }
        }
    }

    /** Serves one client connection, request after request, as long as the client keeps it alive. */
    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (!closed) {
                HttpMessage.Head head = HttpMessage.readHead(in);
                if (head == null) return;
                Fault fault = plan.next(service);
                if (fault == Fault.RESET_MID_REQUEST) {
                    // Only the head was read: the body (if any) is still on its way when the connection drops.
                    reset(client);
                    return;
                }
                if (head.withoutBody().expectsContinue()) {
                    // The whole request is read before it is forwarded, so the wire itself lets the body come.
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                HttpMessage request = HttpMessage.readBody(head, in, false);
                switch (fault) {
                    case SERVER_ERROR, THROTTLED -> {
                        out.write(service.error(fault, UUID.randomUUID().toString()));
                        out.flush();
                    }
                    case TIMEOUT -> {
                        hold(client);
                        return;
                    }
                    case RESET_MID_RESPONSE -> {
                        byte[] answer = forward(request).raw();
                        out.write(answer, 0, Math.max(1, answer.length / 2));
                        out.flush();
                        reset(client);
                        return;
                    }
                    default -> {
                        HttpMessage answer = forward(request);
                        out.write(answer.raw());
                        out.flush();
                        if ("close".equalsIgnoreCase(answer.header("connection"))) return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, or the server did: the client sees a broken connection, as it would from AWS.
        } finally {
            open.remove(client);
        }
    }

    /** Sends the request to the server on a connection of its own and reads its whole answer. */
    private HttpMessage forward(HttpMessage request) throws IOException {
        try (Socket server = new Socket()) {
            server.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5_000);
            server.setTcpNoDelay(true);
            server.getOutputStream().write(request.raw());
            server.getOutputStream().flush();
            InputStream in = server.getInputStream();
            while (true) {
                HttpMessage.Head head = HttpMessage.readHead(in);
                if (head == null) throw new SocketException("the server closed without answering");
                HttpMessage bare = head.withoutBody();
                if (bare.status() >= 100 && bare.status() < 200) continue;  // 100 Continue: already answered by the wire
                boolean noBody = request.method().equals("HEAD") || bare.status() == 204 || bare.status() == 304;
                return noBody ? bare : HttpMessage.readBody(head, in, true);
            }
        }
    }

    /** Keeps the connection open and silent until the client closes it (its timeout) or the hold ends. */
    private static void hold(Socket client) throws IOException {
        client.setSoTimeout((int) HOLD_AT_MOST.toMillis());
        try {
            while (client.getInputStream().read() >= 0) {
                // a client that keeps writing is still waiting
            }
        } catch (IOException timedOutOrReset) {
            // either way the request is over
        }
    }

    /** Closes with a TCP RST instead of a FIN: the peer sees "connection reset". */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.shutdownNow();
    }
}
