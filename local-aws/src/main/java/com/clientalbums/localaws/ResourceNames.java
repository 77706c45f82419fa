package com.clientalbums.localaws;

import java.util.LinkedHashMap;
import java.util.Map;

/** The names of the system's bucket, tables and queues (the local runner uses Terraform's). */
public record ResourceNames(String bucket, String albumTable, String userTable, String userAlbumTable,
                            String shareTable, String favouriteTable, String selectionTable, String deliveryTable,
                            String mailTable, String accessLogBucket, String queue, String deadLetterQueue) {

    /** The variables the functions read these names from (see common's {@code Setting}). */
    public Map<String, String> environment(String queueUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLIENT_ALBUMS_BUCKET", bucket);
        env.put("ALBUM_TABLE_NAME", albumTable);
        env.put("USER_TABLE_NAME", userTable);
        env.put("USER_ALBUM_TABLE_NAME", userAlbumTable);
        env.put("SHARE_TABLE_NAME", shareTable);
        env.put("FAVOURITE_TABLE_NAME", favouriteTable);
        env.put("SELECTION_TABLE_NAME", selectionTable);
        env.put("DELIVERY_TABLE_NAME", deliveryTable);
        env.put("MAIL_TABLE_NAME", mailTable);
        env.put("ACCESS_LOG_BUCKET", accessLogBucket);
        env.put("ZIP_GENERATION_QUEUE_URL", queueUrl);
        return env;
    }

    /** The names Terraform gives them for a project name, e.g. {@code katelynns-photography}. */
    public static ResourceNames forProject(String project) {
        return new ResourceNames(project + "-client-albums", project + "-album", project + "-user",
                project + "-user-album", project + "-share", project + "-favourite",
                project + "-selection-archive", project + "-delivery", project + "-mail", project + "-access-logs",
                project + "-zip-generation", project + "-zip-generation-dlq");
    }
}
