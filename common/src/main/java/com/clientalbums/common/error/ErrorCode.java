package com.clientalbums.common.error;

/**
 * What went wrong, as the API tells it: a stable code and the HTTP status it maps to. The front end
 * knows the same codes ({@code frontend/src/lib/api.ts}); both are checked against
 * {@code rules/shared-rules.json}.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    /** A known address asked with a method it does not answer; the response's {@code Allow} names those it does. */
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    CONFIGURATION(500),
    EMPTY_ALBUM(422),
    /** An upload of a file the album may not hold (SVG, HTML, a script…): rules/shared-rules.json, upload_types. */
    FILE_TYPE_NOT_ALLOWED(422),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) { this.httpStatus = httpStatus; }

    public int httpStatus() { return httpStatus; }
}
