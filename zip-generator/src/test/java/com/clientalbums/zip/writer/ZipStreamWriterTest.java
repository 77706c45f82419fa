package com.clientalbums.zip.writer;

import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ZipStreamWriterTest {

    private static final byte[] PHOTO = "not really a JPEG".getBytes(StandardCharsets.UTF_8);
    private static final ZipLayout LAYOUT = LayoutPlanner.plan(List.of(
            new SourceFile("albums/a/photos/IMG_1.jpg", "IMG_1.jpg", PHOTO.length, Instant.EPOCH)));

    private static int crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static void write(int crc32, byte[] content) throws IOException {
        ZipStreamWriter.write(LAYOUT, new ByteArrayOutputStream(),
                entry -> new EntryContent.Data(crc32, new ByteArrayInputStream(content)));
    }

    @Test
    void writesExactlyThePlannedBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipStreamWriter.write(LAYOUT, out,
                entry -> new EntryContent.Data(crc32(PHOTO), new ByteArrayInputStream(PHOTO)));
        assertEquals(LAYOUT.totalSize(), out.size());
    }

    @Test
    void contentShorterThanPlannedFails() {
        byte[] shorter = "not really".getBytes(StandardCharsets.UTF_8);
        IOException error = assertThrows(IOException.class, () -> write(crc32(shorter), shorter));
        assertEquals("content of 'IMG_1.jpg' ended after 10 of 17 bytes", error.getMessage());
    }

    @Test
    void contentLongerThanPlannedFails() {
        byte[] longer = "not really a JPEG at all".getBytes(StandardCharsets.UTF_8);
        IOException error = assertThrows(IOException.class, () -> write(crc32(longer), longer));
        assertEquals("content of 'IMG_1.jpg' is longer than 17 bytes", error.getMessage());
    }

    @Test
    void aWrongCrcFails() {
        IOException error = assertThrows(IOException.class, () -> write(crc32(PHOTO) + 1, PHOTO));
        assertEquals(String.format("content of 'IMG_1.jpg' has CRC-32 %08x, announced %08x",
                crc32(PHOTO), crc32(PHOTO) + 1), error.getMessage());
    }
}
