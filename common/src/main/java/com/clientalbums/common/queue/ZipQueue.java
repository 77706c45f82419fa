package com.clientalbums.common.queue;

import com.clientalbums.common.config.Settings;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Duration;

/** The ZIP generation queue on SQS: the one place that sends a wake-up message. */
public final class ZipQueue implements WakeUpQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public ZipQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The queue a function's {@code ZIP_GENERATION_QUEUE_URL} names. */
    public static ZipQueue of(Settings settings, SqsClient sqs) {
        return new ZipQueue(sqs, settings.queueUrl());
    }

    @Override
    public void wake(String albumId, Duration delay) {
        int seconds = (int) Math.min(MAX_DELAY.toSeconds(), Math.max(0, delay.toSeconds()));
        try {
            sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl)
                    .messageBody(QueueMessages.write(new ZipRequest(albumId))).delaySeconds(seconds).build());
        } catch (SdkException e) {
            throw new AlbumsException(ErrorCode.UNAVAILABLE, "The wake-up message for album " + albumId
                    + " could not be sent: " + e.getMessage(), e);
        }
    }
}
