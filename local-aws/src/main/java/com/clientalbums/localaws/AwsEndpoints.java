package com.clientalbums.localaws;

import java.net.URI;

/** Where the AWS-compatible servers of a test run listen, and the credentials they accept. */
public record AwsEndpoints(URI s3, URI sqs, URI dynamo, String accessKey, String secretKey, String region) {}
