package com.clientalbums.local.faults;

/** What the faulty wire does to one request. */
public enum Fault {
    /** Forwarded untouched. */
    NONE,
    /** Answered by the wire with the service's 500 (S3 InternalError, DynamoDB InternalServerError, SQS InternalError); never forwarded. */
    SERVER_ERROR,
    /** Answered by the wire with the service's throttling error (S3 503 SlowDown, DynamoDB's 400 throughput/throttling, SQS 400 throttling); never forwarded. */
    THROTTLED,
    /** Read whole, never forwarded nor answered: held until the client gives up on it. */
    TIMEOUT,
    /** The connection is reset before the request has been read whole; never forwarded. */
    RESET_MID_REQUEST,
    /** Forwarded (the server acts on it), then the connection is reset halfway through the answer. */
    RESET_MID_RESPONSE
}
