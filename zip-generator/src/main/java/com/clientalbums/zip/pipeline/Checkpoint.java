package com.clientalbums.zip.pipeline;

import java.util.List;
import java.util.Map;

/**
 * How far an archive's multipart upload got when its build stopped (time running out, a lost
 * lease, a failure): enough for the next invocation to continue it instead of starting again.
 * The archive's bytes are a pure function of its layout, so any part already uploaded is exactly
 * what a fresh build would upload; S3's own list of the upload's parts is checked before trusting it.
 *
 * @param key        the archive
 * @param uploadId   its multipart upload
 * @param partsDone  part numbers uploaded
 * @param crcs       CRC-32s computed so far, by entry index
 * @param sourceKeys the earlier archives the plan copied from
 */
public record Checkpoint(String key, String uploadId, List<Integer> partsDone, Map<Integer, Integer> crcs,
                         List<String> sourceKeys) {
    public Checkpoint {
        partsDone = List.copyOf(partsDone);
        crcs = Map.copyOf(crcs);
        sourceKeys = List.copyOf(sourceKeys);
    }
}
