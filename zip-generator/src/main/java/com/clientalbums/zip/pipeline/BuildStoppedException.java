package com.clientalbums.zip.pipeline;

/** The build was told to stop: its lease was lost or the function is about to run out of time. */
public class BuildStoppedException extends RuntimeException {
    public BuildStoppedException(String reason) { super(reason); }
}
