package com.clientalbums.zip.reuse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifest's JSON: what is written is read back as it was; anything else is refused, never guessed at. */
class ArchiveManifestsTest {
    private static final String ENTRY = "{\"name\":\"Été/IMG_0001.jpg\",\"source_key\":\"albums/a/photos/Été/IMG_0001.jpg\","
            + "\"etag\":\"\\\"9b2c\\\"\",\"size\":4194304,\"last_modified\":\"2024-06-15T14:30:07.123Z\"}";

    @Test
    void aManifestIsReadBackAsItWasWritten() throws IOException {
        ArchiveManifest manifest = new ArchiveManifest(ArchiveManifests.VERSION, 52_431_400, List.of(
                new ArchiveManifest.Entry("Été/IMG_0001.jpg", "albums/a/photos/Été/IMG_0001.jpg", "\"9b2c\"", 4_194_304,
                        Instant.parse("2024-06-15T14:30:07.123Z")),
                new ArchiveManifest.Entry("IMG_0002.jpg", "albums/a/photos/IMG_0002.jpg", "\"77-2\"", 0,
                        Instant.parse("1969-12-31T23:59:59Z"))));

        byte[] json = ArchiveManifests.encode(manifest);

        assertEquals(manifest, ArchiveManifests.decode(json));
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"version\":1,\"archive_size\":52431400,\"entries\":[" + ENTRY), text);
    }

    @Test
    void aManifestOfAnotherVersionIsRefused() {
        IOException e = assertThrows(IOException.class, () -> decode("{\"version\":2,\"archive_size\":1,\"entries\":[" + ENTRY + "]}"));
        assertTrue(e.getMessage().contains("manifest version 2"), e.getMessage());
    }

    @Test
    void anEntryWithoutItsEtagIsRefused() {
        String withoutEtag = ENTRY.replace("\"etag\":\"\\\"9b2c\\\"\",", "");
        assertThrows(IOException.class, () -> decode("{\"version\":1,\"archive_size\":1,\"entries\":[" + withoutEtag + "]}"));
    }

    @Test
    void anEntryWithATimeThatIsNoInstantIsRefused() {
        String badTime = ENTRY.replace("2024-06-15T14:30:07.123Z", "yesterday");
        assertThrows(IOException.class, () -> decode("{\"version\":1,\"archive_size\":1,\"entries\":[" + badTime + "]}"));
    }

    @Test
    void somethingElseThanAManifestIsRefused() {
        assertThrows(IOException.class, () -> decode("<Error><Code>AccessDenied</Code></Error>"));
        assertThrows(IOException.class, () -> decode("null"));
    }

    private static ArchiveManifest decode(String json) throws IOException {
        return ArchiveManifests.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
