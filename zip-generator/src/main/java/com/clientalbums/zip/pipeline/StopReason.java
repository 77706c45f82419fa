package com.clientalbums.zip.pipeline;

/** Why a build was told to stop before it finished. */
public enum StopReason {
    /** Another generator took the album over: this build must leave it alone. */
    LEASE_LOST("lease lost"),
    /** The function is about to time out: the build pauses and its continuation is scheduled. */
    OUT_OF_TIME("function time running out");

    private final String description;

    StopReason(String description) { this.description = description; }

    public String description() { return description; }
}
