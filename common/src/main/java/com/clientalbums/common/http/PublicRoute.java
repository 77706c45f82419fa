package com.clientalbums.common.http;

/**
 * A route that needs no token: only {@code POST /share/session}, which turns a share link (and its
 * PIN) into a guest session. API Gateway throttles it (Terraform) and the service counts wrong PINs.
 */
@FunctionalInterface
public interface PublicRoute {
    ApiResponse handle(ApiRequest request) throws Exception;
}
