package com.clientalbums.common.http;

import com.clientalbums.common.auth.Caller;

/**
 * A route a share link's guest may use as well as a person signed in (viewing an album and
 * downloading from it); the service it calls decides what each may see ({@code docs/sharing.md}).
 */
@FunctionalInterface
public interface ViewerRoute {
    ApiResponse handle(ApiRequest request, Caller caller) throws Exception;
}
