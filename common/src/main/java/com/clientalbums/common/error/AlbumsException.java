package com.clientalbums.common.error;

/**
 * The one error type of the system. Its message is written for a person (a client, the
 * photographer or the operator) and is safe to show: it never carries another client's data.
 */
public class AlbumsException extends RuntimeException {
    private final ErrorCode code;

    public AlbumsException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AlbumsException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() { return code; }

    public static AlbumsException notFound(String what) {
        return new AlbumsException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static AlbumsException badRequest(String message) {
        return new AlbumsException(ErrorCode.BAD_REQUEST, message);
    }
}
