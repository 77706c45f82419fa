package com.clientalbums.common.delivery;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code {project}-delivery} table (key {@code album_id} + {@code delivery_id}), every write
 * one conditional write on one item, as the album record's.
 */
public final class DeliveryRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Records links handed out: creates the record the first time, else counts one more hand-out
     * and adds the device and visitor (one UpdateItem). Returns the tag the links carry.
     */
    public DeliveryTag handOut(HandOut handOut) {
        throw new UnsupportedOperationException("slice D");
    }

    public Optional<Delivery> find(String albumId, String deliveryId) {
        throw new UnsupportedOperationException("slice D");
    }

    /** Every delivery of an album, started or not. */
    public List<Delivery> forAlbum(String albumId) {
        throw new UnsupportedOperationException("slice D");
    }

    /**
     * Merges served ranges into the delivery {@code tag} names (ranges of objects it does not
     * hold are ignored): read, merge ({@link Coverage}), write conditioned on the version read,
     * retried on a conflict. Sets {@code completed_at} the first time it is complete.
     *
     * @return the record as written; empty when there is no such delivery (a forged or pruned tag)
     */
    public Optional<Delivery> record(DeliveryTag tag, List<ServedRange> served, Instant now) {
        throw new UnsupportedOperationException("slice D");
    }
}
