package com.clientalbums.common.queue;

import com.clientalbums.common.album.SelectionIds;
import com.clientalbums.common.store.AlbumIds;
import com.clientalbums.common.store.S3Keys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the bodies on the ZIP generation queue: the plan's direct messages and S3
 * event notifications (including the {@code s3:TestEvent} S3 sends when notifications are set up).
 * A direct message names an album or a favourites archive ({@link SelectionIds}).
 */
public final class QueueMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueMessages() {}

    /**
     * Parses a body. Throws {@link IllegalArgumentException} for a body that is not a message of
     * this system (malformed JSON, no album id): such a message can never succeed.
     */
    public static QueueMessage parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("message body is not a JSON object");
        if (root.has("Records")) return new QueueMessage(List.of(), photoChanges(root.get("Records")));
        if ("s3:TestEvent".equals(root.path("Event").asText())) return new QueueMessage(List.of(), List.of());
        ZipRequest request = JSON.convertValue(root, ZipRequest.class);
        // A favourites archive's id ({album_id}.{hash}) wakes the generator as an album's does.
        if (!AlbumIds.isValid(request.albumId()) && !SelectionIds.isValid(request.albumId())) {
            throw new IllegalArgumentException("message has no valid album_id");
        }
        return new QueueMessage(List.of(request), List.of());
    }

    public static String write(ZipRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<QueueMessage.PhotoChange> photoChanges(JsonNode records) {
        List<QueueMessage.PhotoChange> changes = new ArrayList<>();
        for (JsonNode r : records) {
            String event = r.path("eventName").asText("");
            // S3 form-encodes keys in notifications ('+' for space, %XX for the rest).
            String key = URLDecoder.decode(r.path("s3").path("object").path("key").asText(""), StandardCharsets.UTF_8);
            if (!event.startsWith("ObjectCreated") && !event.startsWith("ObjectRemoved")) continue;
            S3Keys.albumOfPhoto(key).ifPresent(albumId -> changes.add(new QueueMessage.PhotoChange(albumId, key, event)));
        }
        return changes;
    }
}
