package com.clientalbums.zip.handler;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The photographer's side of the bucket in tests: puts and deletes photos and delivers the S3
 * event notification each one causes to the generation queue, as S3 does in AWS (one record per
 * message, keys form-encoded).
 */
final class PhotoBucket {
    private final LocalAws aws;

    PhotoBucket(LocalAws aws) {
        this.aws = aws;
    }

    void put(String albumId, String path, byte[] bytes) {
        String key = S3Keys.photoKey(albumId, path);
        var response = aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(bytes));
        notify("ObjectCreated:Put", key, bytes.length, response.eTag());
    }

    void delete(String albumId, String path) {
        String key = S3Keys.photoKey(albumId, path);
        aws.clients().s3().deleteObject(r -> r.bucket(aws.names().bucket()).key(key));
        notify("ObjectRemoved:Delete", key, null, null);
    }

    /** An event for any key, as S3 would send it for a put under a notified prefix. */
    void notify(String eventName, String key, Integer size, String etag) {
        aws.clients().sqs().sendMessage(r -> r.queueUrl(aws.queueUrl()).messageBody(event(eventName, key, size, etag)));
    }

    String event(String eventName, String key, Integer size, String etag) {
        String object = "\"key\":\"" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/") + "\""
                + (size == null ? "" : ",\"size\":" + size)
                + (etag == null ? "" : ",\"eTag\":\"" + etag.replace("\"", "") + "\"")
                + ",\"sequencer\":\"" + Long.toHexString(System.nanoTime()) + "\"";
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"" + aws.endpoints().region()
                + "\",\"eventTime\":\"" + Instant.now() + "\",\"eventName\":\"" + eventName + "\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
                + "\"configurationId\":\"album-photo-changes\",\"bucket\":{\"name\":\"" + aws.names().bucket()
                + "\",\"arn\":\"arn:aws:s3:::" + aws.names().bucket() + "\"},\"object\":{" + object + "}}}]}";
    }

    boolean exists(String key) {
        try {
            aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw e;
        }
    }

    /** A small real JPEG of one colour, so previews can be made of it. */
    static byte[] jpeg(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
