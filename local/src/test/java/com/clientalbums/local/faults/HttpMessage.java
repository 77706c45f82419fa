package com.clientalbums.local.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 message read off a socket as raw bytes (head and body exactly as sent, so a
 * signed request reaches the server unchanged), with what the wire needs to know about it.
 */
record HttpMessage(String startLine, String headers, byte[] raw, int bodyStart) {

    /** The first line's first word: a request's method. */
    String method() {
        return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
    }

    /** A response's status code. */
    int status() {
        String[] parts = startLine.split(" ", 3);
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    boolean expectsContinue() {
        return header("expect") != null && header("expect").equalsIgnoreCase("100-continue");
    }

    String header(String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The head only (start line and headers): null when the stream ends before a message starts. */
    static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) return null;
                throw new EOFException("stream ended inside a message head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int firstLineEnd = text.indexOf("\r\n");
        return new Head(text.substring(0, firstLineEnd), text.substring(firstLineEnd + 2, text.length() - 4), head.toByteArray());
    }

    record Head(String startLine, String headers, byte[] raw) {
        HttpMessage withoutBody() {
            return new HttpMessage(startLine, headers, raw, raw.length);
        }
    }

    /**
     * Reads the body that follows {@code head}: by Content-Length, chunked to its last chunk, or
     * (a response with neither) to the end of the stream.
     */
    static HttpMessage readBody(Head head, InputStream in, boolean responseToEnd) throws IOException {
        HttpMessage bare = head.withoutBody();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(head.raw());
        String length = bare.header("content-length");
        String encoding = bare.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in, all);
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
                if (size == 0) {
                    while (!readLine(in, all).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                all.write(in.readNBytes(size));
                readLine(in, all);
            }
        } else if (length != null) {
            long n = Long.parseLong(length);
            byte[] body = in.readNBytes((int) n);
            if (body.length < n) throw new EOFException("stream ended inside a body");
            all.write(body);
        } else if (responseToEnd) {
            all.write(in.readAllBytes());
        }
        return new HttpMessage(head.startLine(), head.headers(), all.toByteArray(), head.raw().length);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("stream ended inside a chunked body");
            copy.write(b);
            if (previous == '\r' && b == '\n') break;
            if (previous >= 0) line.write(previous);
            previous = b;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
