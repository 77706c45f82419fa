package com.clientalbums.common.album;

/** A finished archive: its key, its size, how many photos and how many photo bytes it holds, and the content it was built from. */
public record PublishedArchive(String key, long size, long fileCount, long contentBytes, String fingerprint) {}
