package com.clientalbums.common.delivery;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receipts beside the parts, in a real S3 API: written once, read back as written, anything else refused. */
class PartReceiptsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private static final String PART = "zips/smith-wedding/3f9a0000000000000000000000000000.zip";
    private static final PartReceipt RECEIPT = new PartReceipt(PART, 52_431_400,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", List.of(
            new PartReceipt.Entry("Été/IMG_0001.jpg", 4_194_304, 0xCBF43926L),
            new PartReceipt.Entry("IMG_0002.jpg", 0, 0)));

    static PartReceipts receipts;

    @BeforeAll
    static void setUp() {
        receipts = new PartReceipts(aws.clients().s3(), aws.names().bucket());
    }

    @Test
    void aReceiptIsReadBackAsItWasWrittenBesideItsPart() {
        receipts.put(RECEIPT);

        assertEquals(Optional.of(RECEIPT), receipts.find(PART));
        assertTrue(receipts.exists(PART));
        String stored = aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket())
                .key("receipts/smith-wedding/3f9a0000000000000000000000000000.json")).asUtf8String();
        assertTrue(stored.startsWith("{\"version\":1,\"key\":\"" + PART + "\",\"size\":52431400,\"sha256\":\"9f86d0"), stored);
        assertTrue(stored.contains("{\"name\":\"Été/IMG_0001.jpg\",\"size\":4194304,\"crc32\":3421780262}"), stored);
    }

    @Test
    void aPartWithoutAReceiptHasNone() {
        assertEquals(Optional.empty(), receipts.find("zips/smith-wedding/never0000000000000000000000000.zip"));
        assertFalse(receipts.exists("zips/smith-wedding/never0000000000000000000000000.zip"));
    }

    @Test
    void aReceiptBesideAnotherPartIsRefused() {
        String other = "zips/smith-wedding/copied00000000000000000000000000.zip";
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(PartReceipts.keyOf(other)),
                RequestBody.fromBytes(PartReceipts.encode(RECEIPT)));

        assertThrows(UncheckedIOException.class, () -> receipts.find(other));
    }

    @Test
    void aReceiptOfAnotherVersionOrWithoutItsDigestIsNoReceipt() {
        String json = new String(PartReceipts.encode(RECEIPT), StandardCharsets.UTF_8);

        IOException version = assertThrows(IOException.class, () -> decode(json.replace("\"version\":1", "\"version\":2")));
        assertTrue(version.getMessage().contains("receipt version 2"), version.getMessage());
        assertThrows(IOException.class, () -> decode(json.replaceFirst("\"sha256\":\"[0-9a-f]+\",", "")));
        assertThrows(IOException.class, () -> decode("<Error><Code>AccessDenied</Code></Error>"));
        assertThrows(IOException.class, () -> decode("null"));
    }

    @Test
    void onlyAnArchivePartHasAReceipt() {
        assertEquals("receipts/a/b.json", PartReceipts.keyOf("zips/a/b.zip"));
        assertThrows(IllegalArgumentException.class, () -> PartReceipts.keyOf("zips/a/b.manifest.json"));
    }

    private static PartReceipt decode(String json) throws IOException {
        return PartReceipts.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
