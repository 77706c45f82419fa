package com.clientalbums.zip.pipeline;

import com.clientalbums.common.store.S3Keys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints as JSON beside their archive ({@link S3Keys#checkpointKey}), so any invocation can
 * continue any archive and maintenance can find the unfinished ones by their sidecar. A checkpoint
 * that cannot be read (another format version, bytes that are not one) is no checkpoint: the
 * build starts afresh, which costs time and never correctness.
 */
public final class S3CheckpointStore implements CheckpointStore {
    private static final Logger LOG = System.getLogger(S3CheckpointStore.class.getName());
    static final int VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final S3Client s3;
    private final String bucket;

    public S3CheckpointStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The stored form: the checkpoint with the format version it was written in. */
    record Stored(int version, String key, String uploadId, List<Integer> partsDone, Map<Integer, Integer> crcs,
                  List<String> sourceKeys) {}

    @Override
    public Optional<Checkpoint> load(String archiveKey) {
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(S3Keys.checkpointKey(archiveKey))).asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        try {
            Stored stored = JSON.readValue(bytes, Stored.class);
            if (stored.version() != VERSION || !archiveKey.equals(stored.key()) || stored.uploadId() == null) {
                LOG.log(Level.WARNING, "checkpoint of {0} is not one this version reads: starting afresh", archiveKey);
                return Optional.empty();
            }
            return Optional.of(new Checkpoint(stored.key(), stored.uploadId(), orEmpty(stored.partsDone()),
                    stored.crcs() == null ? Map.of() : stored.crcs(), orEmpty(stored.sourceKeys())));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "checkpoint of {0} is unreadable ({1}): starting afresh", archiveKey, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(new Stored(VERSION, checkpoint.key(), checkpoint.uploadId(),
                    checkpoint.partsDone(), checkpoint.crcs(), checkpoint.sourceKeys()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint is not serializable", e);
        }
        s3.putObject(r -> r.bucket(bucket).key(S3Keys.checkpointKey(checkpoint.key())).contentType("application/json"),
                RequestBody.fromBytes(json));
    }

    @Override
    public void delete(String archiveKey) {
        s3.deleteObject(r -> r.bucket(bucket).key(S3Keys.checkpointKey(archiveKey)));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
