package com.clientalbums.common.http;

import com.clientalbums.common.auth.Caller;

/** One route's work for a person signed in: parse the request, call a service, map the result. A guest session gets 401. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request, Caller.SignedIn caller) throws Exception;
}
