package com.clientalbums.admin.uploads;

import com.clientalbums.testing.SharedRules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The upload request limits of {@code rules/shared-rules.json}, which the studio's batches keep to. */
class UploadLinksFollowSharedRulesTest {
    @Test
    void filesPerRequestAndBytesPerFileAreTheSharedLimits() {
        assertEquals(SharedRules.number("upload_request", "max_files"), UploadLinks.MAX_FILES);
        assertEquals(SharedRules.number("upload_request", "max_file_bytes"), UploadLinks.MAX_BYTES);
    }
}
