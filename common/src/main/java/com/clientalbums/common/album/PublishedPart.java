package com.clientalbums.common.album;

/**
 * One downloadable archive of a published album: the whole album, or one of its parts when it is
 * cut at {@code ZIP_SPLIT_SIZE_MB}. Each part is a complete ZIP of its own.
 *
 * @param key          the archive object, {@code zips/{album_id}/{part fingerprint}.zip}
 * @param size         its length in bytes
 * @param fileCount    photos it holds
 * @param contentBytes photo bytes it holds
 */
public record PublishedPart(String key, long size, long fileCount, long contentBytes) {}
