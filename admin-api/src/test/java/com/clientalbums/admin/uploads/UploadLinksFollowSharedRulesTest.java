package com.clientalbums.admin.uploads;

import com.clientalbums.testing.SharedRules;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload request rules of {@code rules/shared-rules.json}, which the studio keeps to. */
class UploadLinksFollowSharedRulesTest {
    @Test
    void filesPerRequestAndBytesPerFileAreTheSharedLimits() {
        assertEquals(SharedRules.number("upload_request", "max_files"), UploadLinks.MAX_FILES);
        assertEquals(SharedRules.number("upload_request", "max_file_bytes"), UploadLinks.MAX_BYTES);
    }

    @Test
    void onlyImagesOrOctetStreamMayBeUploaded() {
        JsonNode types = SharedRules.rule("upload_request").get("content_types");
        types.get("accepted").forEach(t -> assertTrue(UploadLinks.accepts(t.asText()), t.asText()));
        types.get("refused").forEach(t -> assertFalse(UploadLinks.accepts(t.asText()), t.asText()));
    }
}
