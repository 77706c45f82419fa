package com.clientalbums.zip.handler;

import com.clientalbums.common.queue.QueueMessage;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The messages of one batch that concern one album, and what they ask for. */
final class AlbumWork {
    private final String albumId;
    private final Set<String> messageIds = new LinkedHashSet<>();
    /** Photo key → removed (true) or created (false), by the last event of the batch for that key. */
    private final Map<String, Boolean> changes = new LinkedHashMap<>();
    private boolean buildRequested;

    AlbumWork(String albumId) { this.albumId = albumId; }

    void requested(String messageId) {
        messageIds.add(messageId);
        buildRequested = true;
    }

    void changed(String messageId, QueueMessage.PhotoChange change) {
        messageIds.add(messageId);
        changes.put(change.key(), change.removed());
    }

    String albumId() { return albumId; }

    Set<String> messageIds() { return messageIds; }

    boolean buildRequested() { return buildRequested; }

    boolean photosChanged() { return !changes.isEmpty(); }

    Map<String, Boolean> changes() { return changes; }
}
