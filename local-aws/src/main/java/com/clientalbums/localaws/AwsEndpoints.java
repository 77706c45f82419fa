package com.clientalbums.localaws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the AWS-compatible servers of a test run listen, and the credentials they accept. */
public record AwsEndpoints(URI s3, URI sqs, URI dynamo, String accessKey, String secretKey, String region) {

    /** The standard SDK variables that point a function (or the aws CLI) at these servers. */
    public Map<String, String> sdkEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ENDPOINT_URL_S3", s3.toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.toString());
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        return env;
    }
}
