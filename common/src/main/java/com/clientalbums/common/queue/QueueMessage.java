package com.clientalbums.common.queue;

import java.util.List;

/**
 * What one SQS message body asks for, once parsed.
 *
 * @param requests direct requests for an album build
 * @param changes  photo changes reported by S3 event notifications (only keys under
 *                 {@code albums/{id}/photos/}; archives, previews and other prefixes are dropped here,
 *                 so an archive can never trigger an archive)
 */
public record QueueMessage(List<ZipRequest> requests, List<PhotoChange> changes) {

    /** One S3 event record about a photo. */
    public record PhotoChange(String albumId, String key, String eventName) {
        public boolean removed() { return eventName.startsWith("ObjectRemoved"); }
    }

    public boolean isEmpty() { return requests.isEmpty() && changes.isEmpty(); }
}
