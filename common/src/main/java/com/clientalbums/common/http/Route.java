package com.clientalbums.common.http;

import com.clientalbums.common.auth.Caller;

/** One route's work: parse the request, call a service, map the result. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request, Caller caller) throws Exception;
}
