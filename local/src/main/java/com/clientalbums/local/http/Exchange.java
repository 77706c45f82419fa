package com.clientalbums.local.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its answer, written in blocking style (each request has its own virtual
 * thread). The request target is kept as sent: a path or query with a malformed %-escape
 * reaches the routes, which answer it as AWS would, instead of the HTTP server refusing it.
 */
public final class Exchange {
    private final Request request;
    private final Response response;

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    public String method() { return request.getMethod(); }

    /** The path as sent, still percent-encoded. */
    public String rawPath() { return request.getHttpURI().getPath(); }

    /** The path with its escapes decoded (a malformed escape is kept as sent). */
    public String path() {
        String decoded = request.getHttpURI().getDecodedPath();
        return decoded == null ? rawPath() : decoded;
    }

    /** The query string as sent, or null when there is none. */
    public String rawQuery() { return request.getHttpURI().getQuery(); }

    public String protocol() { return request.getConnectionMetaData().getProtocol(); }

    /** Header names as sent, each with its values in order. */
    public Map<String, List<String>> requestHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    public String requestHeader(String name) { return request.getHeaders().get(name); }

    public InetSocketAddress remoteAddress() {
        SocketAddress address = request.getConnectionMetaData().getRemoteSocketAddress();
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /** The request body, or {@code null} when it is larger than {@code max} bytes. */
    public byte[] body(int max) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        }
    }

    public void setHeader(String name, String value) { response.getHeaders().put(name, value); }

    public void addHeader(String name, String value) { response.getHeaders().add(name, value); }

    public void removeHeader(String name) { response.getHeaders().remove(name); }

    /** Sends the whole answer; no body for HEAD, 204 and 304, as HTTP wants. */
    public void send(int status, byte[] body) throws IOException {
        response.setStatus(status);
        boolean noBody = body == null || body.length == 0 || status == 204 || status == 304 || isHead();
        if (!noBody) response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(true, noBody ? null : ByteBuffer.wrap(body), written);
            written.block();
        }
    }

    /** Sends {@code length} bytes streamed from {@code in}. */
    public void send(int status, long length, InputStream in) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            if (!isHead()) in.transferTo(out);
        }
    }

    /** Whether the status line has gone out (then an error can no longer be answered). */
    boolean committed() { return response.isCommitted(); }

    /** Drops what a failed route set, so an error answer starts clean. */
    void reset() { response.reset(); }

    private boolean isHead() { return "HEAD".equals(request.getMethod()); }
}
