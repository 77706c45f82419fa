package com.clientalbums.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON S3 sends to a queue when an object changes (event message structure 2.1), one
 * record per message as S3 does. The key is form-encoded as S3 writes it ({@code a b.jpg}
 * becomes {@code a+b.jpg}, {@code /} stays), so consumers must decode it as in AWS.
 */
public record S3EventNotification(String eventName, String region, String bucket, String key, Long size,
                                  String eTag, String sequencer, Instant time, String sourceIp) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Terraform's notification id (aws_s3_bucket_notification … queue { id = … }). */
    public static final String CONFIGURATION_ID = "album-photo-changes";

    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode r = root.putArray("Records").addObject();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", region);
        r.put("eventTime", time.toString());
        r.put("eventName", eventName);
        r.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        r.putObject("requestParameters").put("sourceIPAddress", sourceIp);
        r.putObject("responseElements").put("x-amz-request-id", sequencer).put("x-amz-id-2", "local");
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", CONFIGURATION_ID);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket);
        b.putObject("ownerIdentity").put("principalId", "LOCAL");
        b.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(key));
        if (size != null) o.put("size", size);
        if (eTag != null) o.put("eTag", eTag);
        o.put("sequencer", sequencer);
        return root.toString();
    }
}
