package com.clientalbums.common.album;

/** How far a build has come; written with each lease heartbeat. */
public record Progress(long filesDone, long filesTotal, long bytesDone, long bytesTotal) {
    public static final Progress NONE = new Progress(0, 0, 0, 0);
}
