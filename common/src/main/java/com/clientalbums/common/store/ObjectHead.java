package com.clientalbums.common.store;

import java.util.Map;

/**
 * What a HEAD request tells of one object.
 *
 * @param etag     without the quotes S3 wraps it in
 * @param metadata the user metadata ({@code x-amz-meta-*}), names without the prefix
 */
public record ObjectHead(long size, String etag, Map<String, String> metadata) {}
