package com.clientalbums.common.mail;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code {project}-mail} table's outbox (slice M1): writers enqueue, maintenance sends.
 * Enqueuing is one conditional PutItem ({@code attribute_not_exists}), so the same mail is
 * queued once however often its trigger fires; opted-out recipients are not queued.
 */
public final class MailOutbox {
    private final DynamoDbClient dynamo;
    private final String table;

    public MailOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** @return true if queued now; false if it was queued before, or the recipient opted out */
    public boolean enqueue(MailRequest request) {
        throw new UnsupportedOperationException("slice M1");
    }

    public boolean optedOut(String recipient) {
        throw new UnsupportedOperationException("slice M1");
    }
}
