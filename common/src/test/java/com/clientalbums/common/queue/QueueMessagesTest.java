package com.clientalbums.common.queue;

import com.clientalbums.common.album.SelectionIds;
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
    void aWakeUpForAFavouritesArchiveCarriesItsSelectionId() {
        String id = SelectionIds.of("smith-wedding", List.of("a.jpg"));
        assertEquals(List.of(new ZipRequest(id)), QueueMessages.parse(QueueMessages.write(new ZipRequest(id))).requests());
        assertThrows(IllegalArgumentException.class, () -> QueueMessages.parse("{\"album_id\":\"smith-wedding.not-a-hash\"}"));
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
    void aDeleteInTheVersionedBucketIsARemovalOfThePhoto() {
        // As S3 sends it when a DELETE leaves a delete marker: a version id, no size, no ETag.
        String body = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-2","eventTime":"2026-06-01T14:30:00.123Z",\
                "eventName":"ObjectRemoved:DeleteMarkerCreated","userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},\
                "requestParameters":{"sourceIPAddress":"203.0.113.7"},"responseElements":{"x-amz-request-id":"C3D13FE58DE4C810",\
                "x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},"s3":{"s3SchemaVersion":"1.0",\
                "configurationId":"album-photo-changes","bucket":{"name":"katelynns-photography-client-albums",\
                "ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::katelynns-photography-client-albums"},\
                "object":{"key":"albums/wedding-1/photos/Ceremony/IMG_0042.jpg","versionId":"3HL4kqtJvjVBH40Nrjfkd","sequencer":"0055AED6DCD90281E5"}}}]}""";
        QueueMessage m = QueueMessages.parse(body);
        assertEquals(List.of(new QueueMessage.PhotoChange("wedding-1", "albums/wedding-1/photos/Ceremony/IMG_0042.jpg",
                "ObjectRemoved:DeleteMarkerCreated")), m.changes());
        assertTrue(m.changes().get(0).removed());
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
