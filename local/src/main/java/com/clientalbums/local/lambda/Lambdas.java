package com.clientalbums.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.util.Map;

/** The four functions the runner hosts, as the handler interfaces Lambda calls. */
public record Lambdas(
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> clientApi,
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> adminApi,
        RequestHandler<SQSEvent, SQSBatchResponse> zipGenerator,
        RequestHandler<ScheduledEvent, Map<String, Object>> maintenance) {

    /** Which of the four. */
    public enum Function { CLIENT_API, ADMIN_API, ZIP_GENERATOR, MAINTENANCE }

    /** Makes the functions once the local services are up; tests pass their own. */
    @FunctionalInterface
    public interface Factory {
        Lambdas create(FunctionEnvironment environment) throws Exception;
    }
}
