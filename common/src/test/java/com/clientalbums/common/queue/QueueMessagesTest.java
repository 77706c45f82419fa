package com.clientalbums.common.queue;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueMessagesTest {

    @Test
    void aDirectMessageInThePlansFormatIsARequest() {
        QueueMessage m = QueueMessages.parse("{\"album_id\": \"test-zip-optimization\", \"source\": \"manual-test\", \"force\": true}");
        assertEquals(List.of(new ZipRequest("test-zip-optimization")), m.requests());
    }

    @Test
    void aWakeUpCarriesOnlyTheAlbumId() {
        assertEquals("{\"album_id\":\"smith-wedding\"}", QueueMessages.write(new ZipRequest("smith-wedding")));
        assertEquals(List.of(new ZipRequest("smith-wedding")), QueueMessages.parse("{\"album_id\":\"smith-wedding\"}").requests());
    }

    @Test
    void s3EventKeysAreFormDecodedAndOnlyPhotoKeysCount() {
        String body = """
                {"Records":[
                 {"eventName":"ObjectCreated:Put","s3":{"object":{"key":"albums/wedding-1/photos/Caf%C3%A9+Night/%E5%86%99%E7%9C%9F.jpg","size":5}}},
                 {"eventName":"ObjectCreated:CompleteMultipartUpload","s3":{"object":{"key":"zips/wedding-1/abc.zip"}}},
                 {"eventName":"ObjectCreated:Put","s3":{"object":{"key":"previews/wedding-1/thumb/a.jpg.jpg"}}},
                 {"eventName":"ObjectRemoved:Delete","s3":{"object":{"key":"albums/wedding-1/photos/old.jpg"}}}
                ]}""";
        QueueMessage m = QueueMessages.parse(body);
        assertEquals(2, m.changes().size());
        assertEquals("albums/wedding-1/photos/Café Night/写真.jpg", m.changes().get(0).key());
        assertTrue(m.changes().get(1).removed());
    }

    @Test
    void theS3TestEventIsAnEmptyMessage() {
        assertTrue(QueueMessages.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}").isEmpty());
    }

    @Test
    void malformedBodiesAreRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> QueueMessages.parse("{not json"));
        assertThrows(IllegalArgumentException.class, () -> QueueMessages.parse("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> QueueMessages.parse("{\"album_id\":\"../etc\"}"));
    }
}
