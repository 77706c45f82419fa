package com.clientalbums.previews.render;

/** The file is not an image this system can read (another format, truncated, corrupt, absurdly large). */
public final class UnreadableImageException extends Exception {
    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
