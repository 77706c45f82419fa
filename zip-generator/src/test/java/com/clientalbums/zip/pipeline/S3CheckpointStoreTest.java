package com.clientalbums.zip.pipeline;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checkpoints kept as JSON beside their archive in the real S3Proxy. */
class S3CheckpointStoreTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private final S3CheckpointStore store = new S3CheckpointStore(aws.clients().s3(), aws.names().bucket());

    @Test
    void aCheckpointSavedBesideItsArchiveLoadsAsItWasAndIsGoneOnceDeleted() {
        var checkpoint = new Checkpoint("zips/a/0123.zip", "upload-1", List.of(1, 2, 5),
                Map.of(0, -123_456_789, 7, 42), List.of("zips/a/old-1.zip", "zips/a/old-2.zip"));
        store.save(checkpoint);

        assertEquals(Optional.of(checkpoint), store.load("zips/a/0123.zip"));
        store.delete("zips/a/0123.zip");
        assertEquals(Optional.empty(), store.load("zips/a/0123.zip"));
    }

    @Test
    void aCheckpointThatIsNotJsonOfThisVersionOrOfAnotherArchiveIsNoCheckpoint() {
        put("zips/b/1.zip", "not json");
        put("zips/b/2.zip", "{\"version\":2,\"key\":\"zips/b/2.zip\",\"upload_id\":\"u\"}");
        put("zips/b/3.zip", "{\"version\":1,\"key\":\"zips/b/other.zip\",\"upload_id\":\"u\"}");

        assertEquals(Optional.empty(), store.load("zips/b/1.zip"));
        assertEquals(Optional.empty(), store.load("zips/b/2.zip"));
        assertEquals(Optional.empty(), store.load("zips/b/3.zip"));
        assertEquals(Optional.empty(), store.load("zips/b/never.zip"));
    }

    private static void put(String archiveKey, String body) {
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.checkpointKey(archiveKey)),
                RequestBody.fromString(body));
    }
}
