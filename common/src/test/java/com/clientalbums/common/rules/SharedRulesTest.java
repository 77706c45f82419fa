package com.clientalbums.common.rules;

import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.http.PhotoPaths;
import com.clientalbums.common.store.AlbumIds;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.HiddenFiles;
import com.clientalbums.testing.SharedRules;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java side of {@code rules/shared-rules.json}: the front end's vitest suite and
 * {@code ScriptsFollowSharedRulesTest} check the same file, so a rule changed in one language
 * alone fails a test.
 */
class SharedRulesTest {

    @Test
    void albumIdsFollowTheSharedRuleAndItsExamples() {
        int min = (int) SharedRules.number("album_id", "min_length");
        int max = (int) SharedRules.number("album_id", "max_length");
        assertEquals(min, AlbumIds.MIN_LENGTH);
        assertEquals(max, AlbumIds.MAX_LENGTH);
        assertAll(SharedRules.strings("album_id", "valid").stream().map(id -> () -> assertTrue(AlbumIds.isValid(id), id)));
        assertAll(SharedRules.strings("album_id", "invalid").stream().map(id -> () -> assertFalse(AlbumIds.isValid(id), id)));
        // The lengths at and beyond both ends.
        assertTrue(AlbumIds.isValid("a".repeat(min)));
        assertFalse(AlbumIds.isValid("a".repeat(min - 1)));
        assertTrue(AlbumIds.isValid("a".repeat(max)));
        assertFalse(AlbumIds.isValid("a".repeat(max + 1)));
    }

    @Test
    void hiddenFilesAreTheSharedSystemNamesAndDotFiles() {
        assertEquals(new HashSet<>(SharedRules.strings("hidden_files", "system_names")), HiddenFiles.SYSTEM_NAMES);
        assertAll(SharedRules.strings("hidden_files", "hidden").stream().map(p -> () -> assertTrue(HiddenFiles.isHidden(p), p)));
        assertAll(SharedRules.strings("hidden_files", "visible").stream().map(p -> () -> assertFalse(HiddenFiles.isHidden(p), p)));
    }

    @Test
    void uploadedFileNamesKeepToTheSharedByteLimits() {
        assertEquals(SharedRules.number("file_names", "max_component_bytes"), PhotoPaths.MAX_NAME_BYTES);
        assertEquals(SharedRules.number("file_names", "max_key_bytes"), PhotoPaths.MAX_BYTES);
        assertAll(SharedRules.strings("file_names", "accepted").stream()
                .map(p -> () -> assertNull(PhotoPaths.uploadProblem("smith-wedding", p), p)));
        assertAll(SharedRules.strings("file_names", "refused").stream()
                .map(p -> () -> assertNotNull(PhotoPaths.uploadProblem("smith-wedding", p), p)));
    }

    @Test
    void aPhotoAlreadyStoredUnderALongerNameCanStillBeAskedFor() {
        String stored = "x".repeat(PhotoPaths.MAX_NAME_BYTES + 1);
        assertNull(PhotoPaths.problem(stored));
        assertNotNull(PhotoPaths.uploadProblem("smith-wedding", stored));
    }

    @Test
    void uploadTypesAreTheSharedAllowListByExtension() {
        Map<String, String> types = SharedRules.uploadTypes();
        types.forEach((extension, type) -> assertEquals(Optional.of(type), FileTypes.contentType("IMG_1." + extension), extension));
        assertAll(SharedRules.strings("upload_types", "accepted").stream()
                .map(p -> () -> assertTrue(FileTypes.contentType(p).isPresent(), p)));
        assertAll(SharedRules.strings("upload_types", "refused").stream()
                .map(p -> () -> assertEquals(Optional.empty(), FileTypes.contentType(p), p)));
        for (var declared : SharedRules.pairs("upload_types", "declared", "accepted")) {
            assertTrue(FileTypes.fitsDeclared(declared.get(0), declared.get(1)), declared.toString());
        }
        for (var declared : SharedRules.pairs("upload_types", "declared", "refused")) {
            assertFalse(FileTypes.fitsDeclared(declared.get(0), declared.get(1)), declared.toString());
        }
    }

    @Test
    void onlyTheSharedInlineImagesAreShownAndEverythingElseIsADownload() {
        List<String> inline = SharedRules.strings("upload_types", "inline");
        SharedRules.uploadTypes().forEach((extension, type) -> {
            FileTypes.Serving serving = FileTypes.serving("IMG_1." + extension.toUpperCase(Locale.ROOT));
            if (inline.contains(type)) assertEquals(new FileTypes.Serving(type, true), serving, extension);
            else assertEquals(new FileTypes.Serving("application/octet-stream", false), serving, extension);
        });
        for (String refused : SharedRules.strings("upload_types", "refused")) {
            assertEquals(new FileTypes.Serving("application/octet-stream", false), FileTypes.serving(refused), refused);
        }
    }

    @Test
    void theErrorCodesAndTheirStatusesAreTheSharedOnes() {
        Map<String, Integer> java = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::name, ErrorCode::httpStatus, (a, b) -> a, LinkedHashMap::new));
        assertEquals(SharedRules.errorCodes(), java);
    }
}
