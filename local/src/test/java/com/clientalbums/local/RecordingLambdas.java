package com.clientalbums.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.clientalbums.local.lambda.FunctionEnvironment;
import com.clientalbums.local.lambda.Lambdas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stand-in functions that record what the runner hands them: the API events, the SQS records
 * (failing those whose body contains "fail-me", as a generator reports an unfinished album, and
 * throwing on "throw-me", reporting an id that is not in the batch on "bad-id"),
 * and the maintenance events.
 */
final class RecordingLambdas implements Lambdas.Factory {
    final List<APIGatewayV2HTTPEvent> clientEvents = new CopyOnWriteArrayList<>();
    final List<APIGatewayV2HTTPEvent> adminEvents = new CopyOnWriteArrayList<>();
    final List<SQSEvent.SQSMessage> sqsRecords = new CopyOnWriteArrayList<>();
    final List<String> maintenanceRuns = new CopyOnWriteArrayList<>();
    /** The rule ARN of each maintenance event. */
    final List<String> maintenanceRules = new CopyOnWriteArrayList<>();
    final AtomicReference<FunctionEnvironment> environment = new AtomicReference<>();

    @Override
    public Lambdas create(FunctionEnvironment env) {
        environment.set(env);
        return new Lambdas(
                (event, context) -> answer(clientEvents, event, "client", context.getFunctionName()),
                (event, context) -> answer(adminEvents, event, "admin", context.getFunctionName()),
                (event, context) -> {
                    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
                    sqsRecords.addAll(event.getRecords());
                    for (SQSEvent.SQSMessage m : event.getRecords()) {
                        if (m.getBody().contains("throw-me")) throw new IllegalStateException("the whole batch fails");
                    }
                    for (SQSEvent.SQSMessage m : event.getRecords()) {
                        if (m.getBody().contains("fail-me")) failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                        if (m.getBody().contains("bad-id")) failures.add(new SQSBatchResponse.BatchItemFailure("not-in-this-batch"));
                    }
                    return new SQSBatchResponse(failures);
                },
                (event, context) -> {
                    maintenanceRuns.add(event.getDetailType());
                    maintenanceRules.add(event.getResources().get(0));
                    return Map.of("requeued", 0, "source", event.getSource(), "rule", event.getResources().get(0));
                });
    }

    private static APIGatewayV2HTTPResponse answer(List<APIGatewayV2HTTPEvent> log, APIGatewayV2HTTPEvent event,
                                                   String who, String function) {
        log.add(event);
        if (event.getRawPath().endsWith("/boom")) throw new IllegalStateException("boom");
        if (event.getRawPath().endsWith("/binary")) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                    .withBody("AAEC/w==").withIsBase64Encoded(true).build();
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(418)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Function", function))
                .withMultiValueHeaders(Map.of("X-Many", List.of("a", "b")))
                .withBody("{\"handled_by\":\"" + who + "\"}").build();
    }

    <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
