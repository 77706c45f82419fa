package com.clientalbums.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class S3EventNotificationTest {

    @Test
    void keys_are_form_encoded_as_s3_writes_them_with_slashes_kept() {
        assertEquals("albums/x/photos/a+b.jpg", S3EventNotification.encodeKey("albums/x/photos/a b.jpg"));
        assertEquals("albums/x/photos/Caf%C3%A9/%2B1%26.jpg", S3EventNotification.encodeKey("albums/x/photos/Café/+1&.jpg"));
    }

    @Test
    void a_removal_has_no_size_or_etag_and_the_record_has_s3s_fields() throws Exception {
        String json = new S3EventNotification("ObjectRemoved:Delete", "us-east-2", "b", "albums/x/photos/p.jpg",
                null, null, "00000000000000AB", Instant.parse("2026-11-29T12:00:00Z"), "127.0.0.1").toJson();
        JsonNode r = new ObjectMapper().readTree(json).path("Records").path(0);
        assertEquals("2026-11-29T12:00:00Z", r.path("eventTime").asText());
        assertEquals("album-photo-changes", r.path("s3").path("configurationId").asText());
        assertEquals("1.0", r.path("s3").path("s3SchemaVersion").asText());
        assertFalse(r.path("s3").path("object").has("size"));
        assertEquals("00000000000000AB", r.path("s3").path("object").path("sequencer").asText());
    }
}
