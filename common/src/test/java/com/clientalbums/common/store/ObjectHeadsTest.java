package com.clientalbums.common.store;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HEAD requests against a real S3 API. */
class ObjectHeadsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static ObjectHeads heads;

    @BeforeAll
    static void setUp() {
        heads = new ObjectHeads(aws.clients().s3(), aws.names().bucket());
    }

    @Test
    void anObjectsHeadHasItsSizeItsUnquotedEtagAndItsMetadata() {
        var put = aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key("heads/a.jpg")
                .metadata(Map.of("source-etag", "abc123")), RequestBody.fromBytes(new byte[1234]));

        ObjectHead head = heads.head("heads/a.jpg").orElseThrow();

        assertEquals(1234, head.size());
        assertEquals(put.eTag().replace("\"", ""), head.etag());
        assertFalse(head.etag().contains("\""));
        assertEquals("abc123", head.metadata().get("source-etag"));
    }

    @Test
    void aKeyWithNoObjectHasNoHead() {
        assertEquals(Optional.empty(), heads.head("heads/never-written.jpg"));
        assertTrue(heads.head("heads/").isEmpty());
    }
}
