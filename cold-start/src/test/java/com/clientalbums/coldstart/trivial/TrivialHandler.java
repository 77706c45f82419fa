package com.clientalbums.coldstart.trivial;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * The floor of a cold start: a handler that loads nothing and answers at once, packaged alone
 * (see {@code TrivialJar}). What a function takes beyond it is its own.
 */
public class TrivialHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("handled", event.size());
    }
}
