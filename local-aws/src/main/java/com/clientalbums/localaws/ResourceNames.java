package com.clientalbums.localaws;

/** The names of the system's bucket, tables and queues (the local runner uses Terraform's). */
public record ResourceNames(String bucket, String albumTable, String userTable, String userAlbumTable,
                            String queue, String deadLetterQueue) {

    /** The names Terraform gives them for a project name, e.g. {@code katelynns-photography}. */
    public static ResourceNames forProject(String project) {
        return new ResourceNames(project + "-client-albums", project + "-album", project + "-user",
                project + "-user-album", project + "-zip-generation", project + "-zip-generation-dlq");
    }
}
