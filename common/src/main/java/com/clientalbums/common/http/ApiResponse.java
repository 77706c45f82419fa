package com.clientalbums.common.http;

/** What a route answers: a status and a value written as JSON (none for 204), or a file ({@link Attachment}) sent as it is. */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) { return new ApiResponse(200, body); }

    public static ApiResponse created(Object body) { return new ApiResponse(201, body); }

    public static ApiResponse accepted(Object body) { return new ApiResponse(202, body); }

    public static ApiResponse noContent() { return new ApiResponse(204, null); }

    /** 200 with a file to save: its bytes, type and name instead of JSON. */
    public static ApiResponse attachment(Attachment file) {
        return new ApiResponse(200, file);
    }
}
