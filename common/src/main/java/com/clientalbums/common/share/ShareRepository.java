package com.clientalbums.common.share;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Optional;

/**
 * The share table ({@code SHARE_TABLE_NAME}): every change one conditional write.
 *
 * <p>TODO(issue 14, slice S): implement; the two methods below are what {@link
 * com.clientalbums.common.access.AlbumAccess} uses.
 */
public final class ShareRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public ShareRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The link, read consistently; empty when there is none. */
    public Optional<Share> find(String albumId, String shareId) {
        throw new UnsupportedOperationException("issue 14, slice S");
    }

    /**
     * Counts one archive download against the link's limit, in one conditional write; false when
     * the limit is reached (nothing counted). Always true for a link without a limit.
     */
    public boolean countDownload(String albumId, String shareId, Instant now) {
        throw new UnsupportedOperationException("issue 14, slice S");
    }
}
