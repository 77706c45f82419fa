package com.clientalbums.common.queue;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Duration;

/** Wakes a ZIP generator. The album record says what to build; a message only says "look at this album". */
public final class ZipQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public ZipQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public void send(ZipRequest request) {
        send(request, Duration.ZERO);
    }

    /** Sends with a delivery delay (at most 15 minutes, SQS's limit), used to wake a generator after a quiet period. */
    public void send(ZipRequest request, Duration delay) {
        int seconds = (int) Math.min(900, Math.max(0, delay.toSeconds()));
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl)
                .messageBody(QueueMessages.write(request)).delaySeconds(seconds).build());
    }
}
