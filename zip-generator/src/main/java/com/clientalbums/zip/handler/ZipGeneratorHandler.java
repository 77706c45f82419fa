package com.clientalbums.zip.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.clientalbums.common.config.Setting;

import java.util.EnumSet;
import java.util.Set;

/** Lambda entry point of the ZIP generator (SQS event source, partial batch responses). */
public class ZipGeneratorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** The environment this function reads; Terraform sets exactly these. */
    public static final Set<Setting> SETTINGS = EnumSet.of(
            Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME, Setting.ZIP_GENERATION_QUEUE_URL,
            Setting.AWS_REGION, Setting.AWS_REGION_NAME, Setting.ZIP_FETCH_CONCURRENCY,
            Setting.ZIP_PART_SIZE_MB, Setting.ZIP_MEMORY_BUDGET_MB, Setting.ZIP_LEASE_SECONDS,
            Setting.ZIP_MAX_ATTEMPTS, Setting.ZIP_QUIET_SECONDS);

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        throw new UnsupportedOperationException("generator: in progress (issue 2)");
    }
}
