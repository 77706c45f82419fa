package com.clientalbums.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's SQS event source for the ZIP generator: long-polls the queue, gathers up to
 * {@code batchSize} messages within the batching window, invokes the handler with them as an
 * {@link SQSEvent}, then deletes the messages the handler did not report in
 * {@code batchItemFailures} (ReportBatchItemFailures). If the handler throws, or reports an
 * id that is empty or not in the batch, the whole batch counts as failed and nothing is deleted:
 * the messages come back after the visibility timeout and, after maxReceiveCount receives, SQS
 * moves them to the dead-letter queue.
 *
 * <p>One difference on purpose: in AWS the visibility timeout is six times the function timeout,
 * so a message never reappears while its invocation runs. Locally the timeout is short (a failed
 * message should come back in seconds, not 90 minutes), so the poller keeps the messages of a
 * running invocation hidden by extending their visibility until the handler returns.
 */
public final class SqsPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);

    /** Terraform's event source mapping, scaled for one machine. */
    public record Options(int batchSize, Duration longPoll, Duration batchingWindow, int concurrency,
                          Duration visibilityTimeout) {
        public Options {
            if (batchSize < 1 || batchSize > 10) throw new IllegalArgumentException("batch size must be 1-10");
            if (longPoll.toSeconds() < 0 || longPoll.toSeconds() > 20) throw new IllegalArgumentException("long poll must be 0-20 s");
            if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final LocalFunction function;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Options options;
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqs-visibility");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;

    public SqsPoller(SqsClient sqs, String queueUrl, String queueArn, String region, LocalFunction function,
                     RequestHandler<SQSEvent, SQSBatchResponse> handler, Options options) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.function = function;
        this.handler = handler;
        this.options = options;
    }

    public synchronized void start() {
        running = true;
        for (int i = 1; i <= options.concurrency(); i++) {
            Thread t = new Thread(this::pollLoop, "sqs-poller-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void pollLoop() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty()) invoke(batch);
            } catch (RuntimeException e) {
                if (!running) return;
                LOG.warn("polling {} failed, retrying in 1 s: {}", queueUrl, e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** Waits for a first message, then tops the batch up until it is full or the window closes. */
    List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(options.batchSize(), (int) options.longPoll().toSeconds()));
        if (batch.isEmpty()) return batch;
        Instant windowEnd = Instant.now().plus(options.batchingWindow());
        while (running && batch.size() < options.batchSize() && Instant.now().isBefore(windowEnd)) {
            long left = Duration.between(Instant.now(), windowEnd).toSeconds();
            List<Message> more = receive(options.batchSize() - batch.size(), (int) Math.min(20, left));
            if (more.isEmpty() && left < 1) sleep(Duration.ofMillis(100));
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }

    /** One invocation with Lambda's partial-batch semantics; returns the ids it deleted. */
    Set<String> invoke(List<Message> batch) {
        SQSEvent event = toEvent(batch);
        LocalContext context = LocalContext.startNow(function, region);
        long started = System.nanoTime();
        ScheduledFuture<?> heartbeat = keepHidden(batch);
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(event, context);
        } catch (Throwable e) {
            LOG.error("{} failed on a batch of {}: every message stays on the queue", function.name(), batch.size(), e);
            return Set.of();
        } finally {
            heartbeat.cancel(false);
            long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (ms > function.timeout().toMillis()) {
                LOG.warn("{} ran {} ms, over its {} s timeout: Lambda would have stopped it",
                        function.name(), ms, function.timeout().toSeconds());
            }
        }
        Set<String> ids = new HashSet<>();
        for (Message m : batch) ids.add(m.messageId());
        Set<String> failed = new HashSet<>();
        if (response != null && response.getBatchItemFailures() != null) {
            for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
                String id = f == null ? null : f.getItemIdentifier();
                if (id == null || id.isBlank() || !ids.contains(id)) {
                    LOG.error("{} reported failure id '{}', which is not in the batch: Lambda counts the whole batch as failed",
                            function.name(), id);
                    return Set.of();
                }
                failed.add(id);
            }
        }
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (Message m : batch) {
            if (!failed.contains(m.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(deletes.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!deletes.isEmpty()) {
            var result = sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(deletes));
            result.failed().forEach(f -> LOG.warn("could not delete message: {}", f.message()));
        }
        LOG.info("{}: batch of {}: {} deleted, {} left on the queue for a retry", function.name(), batch.size(),
                batch.size() - failed.size(), failed.size());
        Set<String> deleted = new HashSet<>(ids);
        deleted.removeAll(failed);
        return deleted;
    }

    private ScheduledFuture<?> keepHidden(List<Message> batch) {
        long every = Math.max(1, options.visibilityTimeout().toMillis() / 2);
        int seconds = (int) options.visibilityTimeout().toSeconds();
        return heartbeats.scheduleAtFixedRate(() -> {
            try {
                List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
                for (Message m : batch) {
                    entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(seconds).build());
                }
                sqs.changeMessageVisibilityBatch(c -> c.queueUrl(queueUrl).entries(entries));
            } catch (RuntimeException e) {
                LOG.debug("could not extend visibility: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** The event Lambda's SQS integration delivers, field for field. */
    SQSEvent toEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : batch) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            Map<String, String> attributes = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            r.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((k, v) -> messageAttributes.put(k, attribute(v)));
            r.setMessageAttributes(messageAttributes);
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion(region);
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue v) {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setDataType(v.dataType());
        a.setStringValue(v.stringValue());
        if (v.binaryValue() != null) a.setBinaryValue(v.binaryValue().asByteBuffer());
        a.setStringListValues(v.stringListValues().isEmpty() ? null : v.stringListValues());
        return a;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread t : workers) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        heartbeats.shutdownNow();
    }
}
