package com.clientalbums.common.access;

import com.clientalbums.common.album.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user-album table: key {@code email}, sort key {@code album_id}, {@code granted_at}; the
 * index {@value #ALBUM_INDEX} (hash {@code album_id}, range {@code email}) answers "who may see
 * this album". Every query reads all its pages.
 */
public final class GrantRepository {
    public static final String ALBUM_INDEX = "album_id-index";

    private final DynamoDbClient dynamo;
    private final String table;

    public GrantRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Grants access with the default download permission ({@link Downloads#DEFAULT}). */
    public void grant(String email, String albumId, Instant now) {
        grant(email, albumId, now, Downloads.DEFAULT);
    }

    /** Grants access allowing {@code downloads}; granting again sets the permission and keeps the first {@code granted_at}. */
    public void grant(String email, String albumId, Instant now, Downloads downloads) {
        dynamo.updateItem(u -> u.tableName(table).key(key(Emails.normalize(email), albumId))
                .updateExpression("SET granted_at = if_not_exists(granted_at, :now), downloads = :downloads")
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.format(now)),
                        ":downloads", AttributeValue.fromS(downloads.value()))));
    }

    /** The grant of one album to one client, read consistently. */
    public Optional<Grant> find(String email, String albumId) {
        var result = dynamo.getItem(g -> g.tableName(table).key(key(Emails.normalize(email), albumId)).consistentRead(true));
        return result.hasItem() && !result.item().isEmpty() ? Optional.of(grant(result.item())) : Optional.empty();
    }

    /** Revokes access; false when there was none. */
    public boolean revoke(String email, String albumId) {
        var result = dynamo.deleteItem(d -> d.tableName(table).key(key(Emails.normalize(email), albumId)).returnValues(ReturnValue.ALL_OLD));
        return result.hasAttributes() && !result.attributes().isEmpty();
    }

    public boolean isGranted(String email, String albumId) {
        var result = dynamo.getItem(g -> g.tableName(table).key(key(Emails.normalize(email), albumId)).consistentRead(true));
        return result.hasItem() && !result.item().isEmpty();
    }

    /** The albums granted to one client, by album id. */
    public List<Grant> ofUser(String email) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("email = :email")
                .expressionAttributeValues(Map.of(":email", AttributeValue.fromS(Emails.normalize(email)))).build());
    }

    /** The clients who may see one album, by address (through the index, so eventually consistent). */
    public List<Grant> ofAlbum(String albumId) {
        return query(QueryRequest.builder().tableName(table).indexName(ALBUM_INDEX)
                .keyConditionExpression("album_id = :album")
                .expressionAttributeValues(Map.of(":album", AttributeValue.fromS(albumId))).build());
    }

    /** Every grant (the studio's user list), reading every page of the scan. */
    public List<Grant> findAll() {
        List<Grant> grants = new ArrayList<>();
        for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
            page.items().forEach(i -> grants.add(grant(i)));
        }
        return grants;
    }

    private List<Grant> query(QueryRequest request) {
        List<Grant> grants = new ArrayList<>();
        for (var page : dynamo.queryPaginator(request)) {
            page.items().forEach(i -> grants.add(grant(i)));
        }
        return grants;
    }

    private static Map<String, AttributeValue> key(String email, String albumId) {
        return Map.of("email", AttributeValue.fromS(email), "album_id", AttributeValue.fromS(albumId));
    }

    private static Grant grant(Map<String, AttributeValue> item) {
        AttributeValue at = item.get("granted_at");
        AttributeValue downloads = item.get("downloads");
        return new Grant(item.get("email").s(), item.get("album_id").s(), at == null ? null : Timestamps.parse(at.s()),
                downloads == null ? Downloads.DEFAULT : Downloads.of(downloads.s()).orElse(Downloads.DEFAULT));
    }
}
