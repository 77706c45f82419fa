package com.clientalbums.client.download;

/**
 * The object a one-file download links to, the name it downloads under, and the type S3 is told to
 * answer with (null: the type it was stored with).
 */
record ServedFile(String key, long size, String fileName, String contentType) {}
