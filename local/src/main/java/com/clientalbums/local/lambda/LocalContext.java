package com.clientalbums.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@link Context} of one invocation: a request id, and a deadline counting down from the
 * function's timeout from the moment of the call, which a handler uses to stop in time.
 * Nothing kills the handler at the deadline here (Lambda would); the caller logs the overrun.
 */
public final class LocalContext implements Context {
    static final String ACCOUNT = "000000000000";

    private final LocalFunction function;
    private final String region;
    private final String requestId;
    private final Instant deadline;
    private final LambdaLogger logger;

    public LocalContext(LocalFunction function, String region, String requestId, Instant start) {
        this.function = function;
        this.region = region;
        this.requestId = requestId;
        this.deadline = start.plus(function.timeout());
        this.logger = new Slf4jLambdaLogger(LoggerFactory.getLogger("com.clientalbums.lambda." + function.name()), requestId);
    }

    public static LocalContext startNow(LocalFunction function, String region) {
        return new LocalContext(function, region, UUID.randomUUID().toString(), Instant.now());
    }

    public Instant deadline() { return deadline; }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + function.name(); }
    @Override public String getLogStreamName() { return "local/[$LATEST]" + requestId.substring(0, 8); }
    @Override public String getFunctionName() { return function.name(); }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return function.arn(region); }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return function.memoryMb(); }
    @Override public LambdaLogger getLogger() { return logger; }

    @Override
    public int getRemainingTimeInMillis() {
        long left = deadline.toEpochMilli() - System.currentTimeMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    /** Lambda sends these lines to CloudWatch; locally they go to the runner's log. */
    private record Slf4jLambdaLogger(Logger log, String requestId) implements LambdaLogger {
        @Override public void log(String message) { log(message, LogLevel.INFO); }
        @Override public void log(byte[] message) { log(new String(message, StandardCharsets.UTF_8)); }

        @Override
        public void log(String message, LogLevel level) {
            String line = requestId.substring(0, 8) + " " + message.stripTrailing();
            switch (level) {
                case ERROR, FATAL -> log.error(line);
                case WARN -> log.warn(line);
                case DEBUG, TRACE -> log.debug(line);
                default -> log.info(line);
            }
        }
    }
}
