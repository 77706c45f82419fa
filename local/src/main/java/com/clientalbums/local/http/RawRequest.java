package com.clientalbums.local.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the runner, before translation: the path and query still
 * percent-encoded, header names as sent, the body as bytes.
 */
public record RawRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                         byte[] body, String sourceIp, String protocol) {}
