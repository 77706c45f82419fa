package com.clientalbums.common.access;

import com.clientalbums.common.album.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The user table (key {@code email}; {@code name}, {@code created_at}). Addresses are stored lower-cased. */
public final class UserRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public UserRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Adds the user; false when the address is taken (one conditional write, so two admins cannot
     * both create it). The repeat the SDK sends when the first attempt's answer was lost finds
     * the row that attempt wrote, so the condition also lets through the same row (name and
     * creation time to the millisecond): the photographer is not told a client they are adding
     * already exists.
     */
    public boolean create(String email, String name, Instant now) {
        Map<String, AttributeValue> item = item(Emails.normalize(email), name, now);
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(email) OR (#name = :name AND created_at = :created_at)")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(Map.of(":name", item.get("name"), ":created_at", item.get("created_at"))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    public Optional<User> find(String email) {
        var result = dynamo.getItem(g -> g.tableName(table).key(key(Emails.normalize(email))).consistentRead(true));
        return result.hasItem() && !result.item().isEmpty() ? Optional.of(user(result.item())) : Optional.empty();
    }

    /** Every user, reading every page of the scan. */
    public List<User> findAll() {
        List<User> users = new ArrayList<>();
        for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
            page.items().forEach(i -> users.add(user(i)));
        }
        return users;
    }

    private static Map<String, AttributeValue> item(String email, String name, Instant now) {
        return Map.of("email", AttributeValue.fromS(email),
                "name", AttributeValue.fromS(name == null ? "" : name),
                "created_at", AttributeValue.fromS(Timestamps.format(now)));
    }

    private static Map<String, AttributeValue> key(String email) {
        return Map.of("email", AttributeValue.fromS(email));
    }

    private static User user(Map<String, AttributeValue> item) {
        return new User(s(item, "email"), s(item, "name") == null ? "" : s(item, "name"), Timestamps.parse(s(item, "created_at")));
    }

    private static String s(Map<String, AttributeValue> item, String k) {
        AttributeValue v = item.get(k);
        return v == null ? null : v.s();
    }
}
