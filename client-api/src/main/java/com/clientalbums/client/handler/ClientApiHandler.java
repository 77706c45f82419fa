package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.config.Setting;

import java.util.EnumSet;
import java.util.Set;

/** Lambda entry point of the client portal API (API Gateway HTTP API, payload 2.0). */
public class ClientApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The environment this function reads; Terraform sets exactly these. */
    public static final Set<Setting> SETTINGS = EnumSet.of(
            Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME, Setting.USER_TABLE_NAME,
            Setting.USER_ALBUM_TABLE_NAME, Setting.ZIP_GENERATION_QUEUE_URL, Setting.AWS_REGION,
            Setting.AWS_REGION_NAME, Setting.PRESIGNED_URL_EXPIRY, Setting.ZIP_URL_EXPIRY,
            Setting.COGNITO_USER_POOL_ID, Setting.COGNITO_CLIENT_ID, Setting.ADMIN_EMAIL,
            Setting.AUTH_ISSUER_URL);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        throw new UnsupportedOperationException("client API: see issue 3");
    }
}
