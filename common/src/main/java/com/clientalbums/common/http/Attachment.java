package com.clientalbums.common.http;

import java.util.Objects;

/**
 * A body that is a file to save rather than JSON (a receipt's manifest): its bytes as they are, its
 * media type, and the name the browser saves it under ({@link ContentDisposition}).
 */
public record Attachment(String fileName, String contentType, byte[] content) {
    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }
}
