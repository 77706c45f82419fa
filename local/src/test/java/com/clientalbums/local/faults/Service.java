package com.clientalbums.local.faults;

import java.nio.charset.StandardCharsets;

/**
 * The three services behind the wire and the error answers each really sends, so the SDK takes
 * the wire's errors through the same parsing and retry decisions as AWS's own.
 */
public enum Service {
    S3 {
        @Override
        byte[] error(Fault fault, String requestId) {
            return fault == Fault.THROTTLED
                    ? xml(503, "Slow Down", "SlowDown", "Please reduce your request rate.", requestId)
                    : xml(500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again.", requestId);
        }
    },
    SQS {
        // The SDK speaks SQS's JSON protocol; errors carry the query protocol's code in x-amzn-query-error.
        @Override
        byte[] error(Fault fault, String requestId) {
            return fault == Fault.THROTTLED
                    ? json(400, "Bad Request", "com.amazonaws.sqs#RequestThrottled", "Request is throttled.", requestId,
                            "x-amzn-query-error: RequestThrottled;Sender\r\n")
                    : json(500, "Internal Server Error", "com.amazonaws.sqs#InternalError",
                            "We encountered an internal error. Please try again.", requestId,
                            "x-amzn-query-error: InternalError;Receiver\r\n");
        }
    },
    DYNAMODB {
        // DynamoDB throttles with 400 and one of two types; its own failures are 500.
        @Override
        byte[] error(Fault fault, String requestId) {
            if (fault == Fault.THROTTLED) {
                return Math.floorMod(requestId.hashCode(), 2) == 0
                        ? json(400, "Bad Request", "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                                "The level of configured provisioned throughput for the table was exceeded.", requestId, "")
                        : json(400, "Bad Request", "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                                "Rate of requests exceeds the allowed throughput.", requestId, "");
            }
            return json(500, "Internal Server Error", "com.amazonaws.dynamodb.v20120810#InternalServerError",
                    "Internal server error", requestId, "");
        }
    };

    /** The whole HTTP answer for an error fault. */
    abstract byte[] error(Fault fault, String requestId);

    private static byte[] xml(int status, String reason, String code, String message, String requestId) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>" + requestId + "</RequestId><HostId>faulty-wire</HostId></Error>";
        return answer(status, reason, "application/xml", "x-amz-request-id: " + requestId + "\r\n", body);
    }

    private static byte[] json(int status, String reason, String type, String message, String requestId, String extra) {
        String body = "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
        return answer(status, reason, "application/x-amz-json-1.0",
                "x-amzn-RequestId: " + requestId + "\r\n" + extra, body);
    }

    private static byte[] answer(int status, String reason, String contentType, String headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\n" + headers + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        return all;
    }
}
