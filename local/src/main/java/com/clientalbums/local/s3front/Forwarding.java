package com.clientalbums.local.s3front;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forwards one request to S3Proxy as it came — method, target, headers, Host included (SigV4
 * signs it, so S3Proxy checks the signature the client made for the front's address) — and
 * streams the answer back, counting the body bytes the client's connection took. Either way
 * each request ends with one {@link AccessLogEntry}: a client that hangs up mid-way is logged
 * with the bytes written before it did.
 */
final class Forwarding extends Handler.Abstract {
    /** Connection-level headers, which belong to each hop and are never forwarded (RFC 9110, section 7.6.1). */
    private static final Set<HttpHeader> HOP_BY_HOP = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_CONNECTION, HttpHeader.TE, HttpHeader.TRAILER, HttpHeader.TRANSFER_ENCODING,
            HttpHeader.UPGRADE, HttpHeader.EXPECT);
    /** An error answer's body is S3's small XML document; read whole so its Code can be logged. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,128})</Code>");
    private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("bytes \\d+-\\d+/(\\d+)");
    /** The local account's canonical user id: the runner's account is 000000000000. */
    static final String BUCKET_OWNER = "0".repeat(64);
    /** Who a signed request is from: the runner's one access key. */
    static final String REQUESTER = "arn:aws:iam::000000000000:user/local";

    private final HttpClient client;
    private final URI s3;
    private final Consumer<AccessLogEntry> log;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Forwarding(HttpClient client, URI s3, Consumer<AccessLogEntry> log, Clock clock) {
        this.client = client;
        this.s3 = s3;
        this.log = log;
        this.clock = clock;
    }

    /** What the answer was, as far as it went. */
    private static final class Outcome {
        int status = 500;
        String errorCode;
        long bytesSent;
        Long objectSize;
        Long turnAround;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Instant received = clock.instant();
        long start = System.nanoTime();
        Outcome outcome = new Outcome();
        try {
            forward(request, response, outcome, start);
            callback.succeeded();
        } catch (Throwable e) {
            // Cut short: the connection is aborted, so the client sees an incomplete answer, never a complete one.
            callback.failed(e);
        } finally {
            log.accept(entry(request, received, outcome, millisSince(start)));
        }
        return true;
    }

    private void forward(Request request, Response response, Outcome outcome, long start) throws Exception {
        String host = hostHeader(request);
        org.eclipse.jetty.client.Request upstream = client.newRequest(s3.getHost(), s3.getPort())
                .scheme(s3.getScheme())
                .method(request.getMethod())
                .path(request.getHttpURI().getPathQuery())
                .idleTimeout(2, TimeUnit.MINUTES)
                .headers(h -> {
                    h.clear();
                    for (HttpField field : request.getHeaders()) {
                        if (!HOP_BY_HOP.contains(field.getHeader())) h.add(field);
                    }
                    h.put(HttpHeader.HOST, host);
                });
        if (hasBody(request)) upstream.body(new ForwardedBody(request));
        InputStreamResponseListener answer = new InputStreamResponseListener();
        upstream.send(answer);
        org.eclipse.jetty.client.Response head;
        try {
            head = answer.get(2, TimeUnit.MINUTES);
        } catch (Exception unanswered) {
            // Failing before anything is sent makes Jetty answer 500, which is what is logged.
            upstream.abort(unanswered);
            outcome.status = 500;
            outcome.errorCode = "InternalError";
            throw unanswered;
        }
        outcome.turnAround = millisSince(start);
        outcome.status = head.getStatus();
        outcome.objectSize = objectSize(request.getMethod(), head);
        response.setStatus(head.getStatus());
        HttpFields.Mutable headers = response.getHeaders();
        for (HttpField field : head.getHeaders()) {
            if (!HOP_BY_HOP.contains(field.getHeader())) headers.add(field);
        }
        try (InputStream body = answer.getInputStream()) {
            if (head.getStatus() >= 400) {
                byte[] error = body.readNBytes(MAX_ERROR_BODY);
                Matcher code = ERROR_CODE.matcher(new String(error, StandardCharsets.UTF_8));
                outcome.errorCode = code.find() ? code.group(1) : null;
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    out.write(error);
                    outcome.bytesSent = error.length;
                    body.transferTo(out);
                }
                return;
            }
            OutputStream out = Content.Sink.asOutputStream(response);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = body.read(buffer)) != -1) {
                // Counted once written: a write the client's hang-up breaks throws, and is not counted.
                out.write(buffer, 0, n);
                outcome.bytesSent += n;
            }
            out.close();
        } catch (IOException cutShort) {
            head.abort(cutShort);
            throw cutShort;
        }
    }

    private AccessLogEntry entry(Request request, Instant received, Outcome outcome, long totalTime) {
        S3Target target = S3Target.of(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String query = request.getHttpURI().getQuery();
        boolean queryV4 = query != null && query.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256");
        boolean headerV4 = authorization != null && authorization.startsWith("AWS4-HMAC-SHA256");
        boolean headerV2 = authorization != null && authorization.startsWith("AWS ");
        boolean queryV2 = query != null && query.contains("Signature=") && query.contains("AWSAccessKeyId=");
        String signature = queryV4 || headerV4 ? "SigV4" : queryV2 || headerV2 ? "SigV2" : null;
        String authentication = queryV4 || queryV2 ? "QueryString" : headerV4 || headerV2 ? "AuthHeader" : null;
        byte[] requestId = new byte[8];
        byte[] hostId = new byte[56];
        random.nextBytes(requestId);
        random.nextBytes(hostId);
        return new AccessLogEntry(BUCKET_OWNER, target.bucket(), received, Request.getRemoteAddr(request),
                signature == null ? null : REQUESTER, HexFormat.of().withUpperCase().formatHex(requestId),
                target.operation(request.getMethod()), target.encodedKey(),
                request.getMethod() + " " + request.getHttpURI().getPathQuery() + " " + request.getConnectionMetaData().getProtocol(),
                outcome.status, outcome.errorCode, outcome.bytesSent, outcome.objectSize, totalTime, outcome.turnAround,
                request.getHeaders().get(HttpHeader.REFERER), request.getHeaders().get(HttpHeader.USER_AGENT),
                Base64.getEncoder().encodeToString(hostId), signature, authentication, hostHeader(request));
    }

    /** The object's whole size: a range answer's Content-Range total, else a GET's or HEAD's Content-Length. */
    private static Long objectSize(String method, org.eclipse.jetty.client.Response head) {
        String range = head.getHeaders().get(HttpHeader.CONTENT_RANGE);
        if (range != null) {
            Matcher total = CONTENT_RANGE_TOTAL.matcher(range);
            return total.matches() ? Long.parseLong(total.group(1)) : null;
        }
        boolean read = HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method);
        long length = head.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        return read && head.getStatus() == 200 && length >= 0 ? length : null;
    }

    private static String hostHeader(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        return host != null ? host : request.getHttpURI().getAuthority();
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** The client's request body, streamed to S3Proxy as it arrives. */
    private record ForwardedBody(Request from) implements org.eclipse.jetty.client.Request.Content {
        @Override public String getContentType() { return from.getHeaders().get(HttpHeader.CONTENT_TYPE); }
        @Override public long getLength() { return from.getLength(); }
        @Override public Content.Chunk read() { return from.read(); }
        @Override public void demand(Runnable demandCallback) { from.demand(demandCallback); }
        @Override public void fail(Throwable failure) { from.fail(failure); }
    }
}
