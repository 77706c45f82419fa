package com.clientalbums.maintenance.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clientalbums.common.config.Setting;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Lambda entry point of the daily maintenance run (EventBridge schedule). */
public class MaintenanceHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    /** The environment this function reads; Terraform sets exactly these. */
    public static final Set<Setting> SETTINGS = EnumSet.of(
            Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME, Setting.ZIP_GENERATION_QUEUE_URL,
            Setting.AWS_REGION, Setting.AWS_REGION_NAME, Setting.ZIP_URL_EXPIRY, Setting.ZIP_LEASE_SECONDS,
            Setting.ZIP_QUIET_SECONDS);

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        throw new UnsupportedOperationException("maintenance: see issue 5");
    }
}
