package com.clientalbums.common.store;

import java.time.Instant;

/** One object under an album's photos prefix, as S3 lists it. */
public record PhotoObject(String key, String relativePath, long size, String etag, Instant lastModified) {}
