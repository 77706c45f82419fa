package com.clientalbums.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Does what Lambda's SQS event source does, once: receive a batch, invoke the handler, delete the
 * messages it did not report as failed (none if it threw). Failed messages become visible again
 * after the queue's visibility timeout, as in AWS.
 */
public final class SqsLambdaDriver {
    private final SqsClient sqs;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;

    public SqsLambdaDriver(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
    }

    /** What one poll did. */
    public record Poll(int received, List<String> bodies, Set<String> failedIds) {}

    public Poll pollOnce(Duration wait) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds((int) wait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) return new Poll(0, List.of(), Set.of());
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setEventSource("aws:sqs");
            r.setAttributes(m.attributes().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
            records.add(r);
        }
        event.setRecords(records);
        SQSBatchResponse response = handler.handleRequest(event, TestContext.withMinutes(15));
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return new Poll(messages.size(), messages.stream().map(Message::body).toList(), failed);
    }

    /**
     * Polls until {@code done} holds for what {@code read} returns (the album record, say), and
     * returns that; the test fails with the last value read once {@code limit} has passed.
     */
    public <T> T pollUntil(Supplier<T> read, Predicate<T> done, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            T value = read.get();
            if (done.test(value)) return value;
            pollOnce(Duration.ofSeconds(1));
        }
        T last = read.get();
        assertTrue(done.test(last), () -> "not reached within " + limit.toSeconds() + " s: " + last);
        return last;
    }
}
