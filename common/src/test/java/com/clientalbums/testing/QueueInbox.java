package com.clientalbums.testing;

import com.clientalbums.common.queue.QueueMessages;
import com.clientalbums.common.queue.ZipRequest;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The build requests that reached a test class's queue, read off the real queue (and deleted
 * there) as a test asks, and remembered per album: tests of one class share the queue.
 */
public final class QueueInbox {
    private final LocalAws aws;
    private final List<ZipRequest> received = new CopyOnWriteArrayList<>();

    public QueueInbox(LocalAws aws) {
        this.aws = aws;
    }

    /** Every request for the album that reached the queue so far. */
    public List<ZipRequest> messagesFor(String albumId) {
        while (true) {
            List<Message> batch = aws.clients().sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) break;
            for (Message m : batch) {
                received.add(QueueMessages.parse(m.body()).requests().getFirst());
                aws.clients().sqs().deleteMessage(d -> d.queueUrl(aws.queueUrl()).receiptHandle(m.receiptHandle()));
            }
        }
        return received.stream().filter(r -> r.albumId().equals(albumId)).toList();
    }

    /** Reads the queue, then forgets the album's requests so far. */
    public void forget(String albumId) {
        messagesFor(albumId);
        received.removeIf(r -> r.albumId().equals(albumId));
    }
}
