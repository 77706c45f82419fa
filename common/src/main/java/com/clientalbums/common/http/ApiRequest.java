package com.clientalbums.common.http;

import com.clientalbums.common.error.AlbumsException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One API call as a route sees it: the parts of an API Gateway HTTP API event a handler needs,
 * already decoded.
 *
 * @param pathParams the {@code {name}} segments of the matched route, percent-decoded
 * @param query      query parameters, percent-decoded, every value of a repeated name kept
 * @param headers    header names in lower case (as API Gateway sends them)
 * @param body       the body as text (base64 bodies decoded), or null
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams,
                         Map<String, List<String>> query, Map<String, String> headers,
                         String body, String requestId) {

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) throw new IllegalStateException("route has no parameter " + name);
        return value;
    }

    /** A query parameter given at most once; a repeated one is ambiguous, so refused. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) throw AlbumsException.badRequest("The query parameter '" + name + "' is given more than once");
        return values.stream().findFirst();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body parsed as JSON into a record (snake_case fields); 400 when absent or malformed. */
    public <T> T body(Class<T> type) {
        return Json.read(body, type);
    }
}
